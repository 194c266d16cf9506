import { z } from 'zod'
import { isBusinessDay, type BusinessDay } from '../calendar/business-day'
import type { SignInCalendarDay } from './month-calendar'
import type { StreakBonus, UpcomingBonus } from './streak'

/** POST /api/sign-in takes no fields: the day is the server's business day, never the client's. */
export const SignInBody = z.strictObject({})
export type SignInBody = z.infer<typeof SignInBody>

/** `month` defaults to the current business month. */
export const SignInCalendarQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / month must be YYYY-MM' })
    .optional(),
})
export type SignInCalendarQuery = z.infer<typeof SignInCalendarQuery>

export const MakeUpBody = z.strictObject({
  day: z.string().refine(isBusinessDay, { error: '日期格式应为 YYYY-MM-DD / day must be a YYYY-MM-DD date' }),
})
export type MakeUpBody = z.infer<typeof MakeUpBody>

/** Growth and points one sign-in credited (or would credit). */
export interface SignInRewards {
  growth: number
  points: number
}

/** Answer to a daily sign-in. `rewards` is the day's own reward; `bonus` is the streak bonus on top, if any. */
export interface SignInResponse {
  businessDay: BusinessDay
  streak: number
  cycleDay: number
  rewards: SignInRewards
  bonus?: StreakBonus
  /** Set when the growth lifted the member to a higher tier. */
  tierChange: { from: string; to: string } | null
}

/** Answer to a make-up sign-in (补签). */
export interface MakeUpResponse {
  /** The day made up. */
  day: BusinessDay
  /** The day's place in the run it repaired. */
  cycleDay: number
  /** The live streak after the gap was filled. */
  streak: number
  costPoints: number
  rewards: SignInRewards
  makeUpsLeft: number
  tierChange: { from: string; to: string } | null
}

/** The month calendar with everything the sign-in page shows. */
export interface SignInCalendarResponse {
  month: string
  days: SignInCalendarDay[]
  /** Consecutive days ending today, or yesterday while today is open. */
  streak: number
  today: {
    day: BusinessDay
    signed: boolean
    /** Cycle day today's sign-in has (signed) or would have (not yet). */
    cycleDay: number
    /** What today's sign-in gives before any bonus (a preview while not signed). */
    rewards: SignInRewards
    bonus: StreakBonus | null
  }
  /** The nearest bonus ahead: "再签 2 天得 30 积分". */
  nextBonus: UpcomingBonus | null
  cycleDays: number
  bonuses: StreakBonus[]
  /** Null when make-up is turned off. */
  makeUp: { costPoints: number; perMonth: number; usedThisMonth: number; left: number } | null
}
