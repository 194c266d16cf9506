import { dayNumberOf, dayTextOf } from './civil-days'
import { formatterFor, wallClockMs } from './zone-clock'

// Callers read the zone's wall clock from here (quiet hours); zone-clock.ts keeps the per-hour offsets.
export { wallClockMs }

/**
 * The merchant's calendar. A business day is a calendar day in the merchant's time zone that starts at
 * `dayStartMinute` past midnight (a late-night shop may start its day at 04:00), so a 02:00 sign-in still
 * belongs to the day before. Sign-in, streaks, daily caps, expiry and reports all go through here; server-local
 * dates are never used.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string
  /** Minutes after local midnight at which the business day begins, 0–1439. */
  dayStartMinute: number
}

/** A business day as `YYYY-MM-DD`. */
export type BusinessDay = string

const dayMs = 86_400_000

export const defaultCalendar: BusinessCalendar = { timeZone: 'Asia/Shanghai', dayStartMinute: 0 }

export function assertCalendar(calendar: BusinessCalendar): void {
  const { dayStartMinute } = calendar
  if (!Number.isInteger(dayStartMinute) || dayStartMinute < 0 || dayStartMinute >= 1440) {
    throw new RangeError(`dayStartMinute must be a whole minute in 0..1439, got ${dayStartMinute}`)
  }
  formatterFor(calendar.timeZone) // throws RangeError for an unknown zone
}

export function businessDayOf(instant: Date, calendar: BusinessCalendar = defaultCalendar): BusinessDay {
  assertCalendar(calendar)
  const shifted = wallClockMs(instant.getTime(), calendar.timeZone) - calendar.dayStartMinute * 60_000
  return dayTextOf(Math.floor(shifted / dayMs)) ?? new Date(shifted).toISOString().slice(0, 10)
}

/** The instant a business day begins, e.g. 2026-11-23 at 04:00 Shanghai time → 2026-11-22T20:00:00Z. */
export function businessDayStart(day: BusinessDay, calendar: BusinessCalendar = defaultCalendar): Date {
  assertCalendar(calendar)
  const wallMs = dayToUtcMs(day) + calendar.dayStartMinute * 60_000
  // Guess with the offset at the wall time, then correct once: enough for any zone whose offset changes by
  // less than a day, which is all of them.
  let instantMs = wallMs - (wallClockMs(wallMs, calendar.timeZone) - wallMs)
  instantMs = wallMs - (wallClockMs(instantMs, calendar.timeZone) - instantMs)
  return new Date(instantMs)
}

export function addDays(day: BusinessDay, days: number): BusinessDay {
  if (!Number.isInteger(days)) throw new RangeError(`days must be whole, got ${days}`)
  return dayTextOf(dayNumber(day) + days) ?? new Date(dayToUtcMs(day) + days * dayMs).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDay, to: BusinessDay): number {
  return dayNumber(to) - dayNumber(from)
}

export function isBusinessDay(value: string): value is BusinessDay {
  return dayNumberOf(value) !== null
}

/** Days since 1970-01-01 of a valid day; RangeError otherwise. */
function dayNumber(day: BusinessDay): number {
  const number = dayNumberOf(day)
  if (number === null) throw new RangeError(`not a YYYY-MM-DD day: ${day}`)
  return number
}

function dayToUtcMs(day: BusinessDay): number {
  return dayNumber(day) * dayMs
}

/** A business day "2027-11-23" as read in a Chinese sentence, "2027年11月23日"; anything else is returned unchanged. */
export function chineseDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return day
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}
