import { z } from 'zod'
import { addDays, type BusinessDay } from '../calendar/business-day'
import { makeUpRefusal, monthOf } from './make-up'
import type { SignInRules } from './streak'

/** A month as `YYYY-MM`. */
export type CalendarMonth = string

/** How one day of the month looks to the member. `before_join` days were never theirs to miss. */
export const SignInDayStatus = z.enum(['signed', 'made_up', 'missed', 'today', 'future', 'before_join'])
export type SignInDayStatus = z.infer<typeof SignInDayStatus>

/** One day on the sign-in calendar. */
export const SignInCalendarDay = z.strictObject({
  day: z.string(),
  status: SignInDayStatus,
  /** A missed day the member may make up now (补签). */
  canMakeUp: z.boolean(),
})
export type SignInCalendarDay = z.infer<typeof SignInCalendarDay>

/** The member's sign-ins as the calendar needs them. */
export interface SignedDay {
  day: BusinessDay
  kind: 'daily' | 'make_up'
}

export function isCalendarMonth(value: string): value is CalendarMonth {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
}

/** Every day of a `YYYY-MM`, in order. */
export function daysOfMonth(month: CalendarMonth): BusinessDay[] {
  if (!isCalendarMonth(month)) throw new RangeError(`not a YYYY-MM month: ${month}`)
  const days: BusinessDay[] = []
  for (let day = `${month}-01`; monthOf(day) === month; day = addDays(day, 1)) days.push(day)
  return days
}

/**
 * The month laid out for the member: signed or made-up days, missed days (and which of them can still be made
 * up), today, future days and days before joining. A day signed "in the future" (only when a clock went back)
 * still shows as signed: what was recorded is what the member got.
 */
export function monthCalendar(
  rules: SignInRules,
  input: {
    month: CalendarMonth
    today: BusinessDay
    joinedDay: BusinessDay
    signIns: readonly SignedDay[]
    makeUpsUsed: number
  },
): SignInCalendarDay[] {
  const kindOf = new Map(input.signIns.map((s) => [s.day, s.kind]))
  const signed = new Set(kindOf.keys())
  return daysOfMonth(input.month).map((day) => {
    const kind = kindOf.get(day)
    const status: SignInDayStatus =
      kind === 'daily'
        ? 'signed'
        : kind === 'make_up'
          ? 'made_up'
          : day === input.today
            ? 'today'
            : day > input.today
              ? 'future'
              : day < input.joinedDay
                ? 'before_join'
                : 'missed'
    const canMakeUp =
      status === 'missed' &&
      makeUpRefusal(rules, {
        day,
        today: input.today,
        joinedDay: input.joinedDay,
        signed,
        makeUpsUsed: input.makeUpsUsed,
      }) === null
    return { day, status, canMakeUp }
  })
}

/** 2026-11-20 → 11月20日, as reasons and messages name a day. */
export function chineseMonthDay(day: BusinessDay): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}
