import { z } from 'zod'
import { isBusinessDay } from '../calendar/business-day'
import { SignInCalendarDay } from './month-calendar'
import { StreakBonus, UpcomingBonus } from './streak'

/** POST /api/sign-in takes no fields: the day is the server's business day, never the client's. */
export const SignInBody = z.strictObject({})
export type SignInBody = z.infer<typeof SignInBody>

/**
 * `month` defaults to the current business month. Years are bound to 2000–2099: the program has no days before
 * 2000 or after 2099, and a year such as 0000 or 9999 is not a month anyone signed in, only work for the calendar.
 */
export const SignInCalendarQuery = z.strictObject({
  month: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份应为 2000-01 至 2099-12 / month must be YYYY-MM in 2000–2099' })
    .optional(),
})
export type SignInCalendarQuery = z.infer<typeof SignInCalendarQuery>

export const MakeUpBody = z.strictObject({
  day: z.string().refine(isBusinessDay, { error: '日期格式应为 YYYY-MM-DD / day must be a YYYY-MM-DD date' }),
})
export type MakeUpBody = z.infer<typeof MakeUpBody>

/** Growth and points one sign-in credited (or would credit). */
export const SignInRewards = z.strictObject({ growth: z.number().int(), points: z.number().int() })
export type SignInRewards = z.infer<typeof SignInRewards>

const TierChange = z.strictObject({ from: z.string(), to: z.string() })

/** Answer to a daily sign-in. `rewards` is the day's own reward; `bonus` is the streak bonus on top, if any. */
export const SignInResponse = z.strictObject({
  businessDay: z.string(),
  streak: z.number().int(),
  cycleDay: z.number().int(),
  rewards: SignInRewards,
  bonus: StreakBonus.optional(),
  /** Set when the growth lifted the member to a higher tier. */
  tierChange: TierChange.nullable(),
})
export type SignInResponse = z.infer<typeof SignInResponse>

/** Answer to a make-up sign-in (补签). */
export const MakeUpResponse = z.strictObject({
  /** The day made up. */
  day: z.string(),
  /** The day's place in the run it repaired. */
  cycleDay: z.number().int(),
  /** The live streak after the gap was filled. */
  streak: z.number().int(),
  costPoints: z.number().int(),
  rewards: SignInRewards,
  makeUpsLeft: z.number().int(),
  tierChange: TierChange.nullable(),
})
export type MakeUpResponse = z.infer<typeof MakeUpResponse>

/** The month calendar with everything the sign-in page shows. */
export const SignInCalendarResponse = z.strictObject({
  month: z.string(),
  days: z.array(SignInCalendarDay),
  /** Consecutive days ending today, or yesterday while today is open. */
  streak: z.number().int(),
  today: z.strictObject({
    day: z.string(),
    signed: z.boolean(),
    /** Cycle day today's sign-in has (signed) or would have (not yet). */
    cycleDay: z.number().int(),
    /** What today's sign-in gives before any bonus (a preview while not signed). */
    rewards: SignInRewards,
    bonus: StreakBonus.nullable(),
  }),
  /**
   * When the next business day begins (ISO instant), in the merchant's zone and day start: a page left open
   * refetches then, so "today" turns over on screen when it does on the server.
   */
  nextDayStartsAt: z.string(),
  /** The nearest bonus ahead: "再签 2 天得 30 积分". */
  nextBonus: UpcomingBonus.nullable(),
  cycleDays: z.number().int(),
  bonuses: z.array(StreakBonus),
  /** Null when make-up is turned off. */
  makeUp: z
    .strictObject({
      costPoints: z.number().int(),
      perMonth: z.number().int(),
      usedThisMonth: z.number().int(),
      left: z.number().int(),
    })
    .nullable(),
})
export type SignInCalendarResponse = z.infer<typeof SignInCalendarResponse>
