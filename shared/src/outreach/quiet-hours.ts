import { addDays, businessDayStart, wallClockMs, type BusinessCalendar } from '../calendar/business-day'

/** Quiet hours as the merchant sets them: `HH:MM` wall-clock times in the business time zone. */
export interface QuietHours {
  start: string
  end: string
}

/** The zone's local date and minute of the day for an instant (the wall clock, not the business day). */
function localReading(instant: Date, timeZone: string): { date: string; minute: number } {
  const wall = new Date(wallClockMs(instant.getTime(), timeZone))
  return { date: wall.toISOString().slice(0, 10), minute: wall.getUTCHours() * 60 + wall.getUTCMinutes() }
}

function minuteOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm)
  if (!match) throw new RangeError(`expected HH:MM, got ${hhmm}`)
  return +match[1] * 60 + +match[2]
}

/**
 * When a WeChat or SMS message decided at `now` may go out: `now` itself outside quiet hours, else the instant
 * quiet hours end in the merchant's time zone (held until morning, never dropped). `start > end` spans midnight
 * (21:00–09:00); `start == end` means no quiet hours at all. The business day's start hour plays no part: quiet
 * hours are about the member's wall clock, not the merchant's accounting day.
 */
export function quietHoursRelease(now: Date, quietHours: QuietHours, calendar: BusinessCalendar): Date {
  const start = minuteOf(quietHours.start)
  const end = minuteOf(quietHours.end)
  if (start === end) return now
  const { date, minute } = localReading(now, calendar.timeZone)
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!quiet) return now
  // Across midnight, an evening reading ends on the next local date; a small-hours one ends on this date.
  const endDate = start > end && minute >= start ? addDays(date, 1) : date
  return businessDayStart(endDate, { timeZone: calendar.timeZone, dayStartMinute: end })
}
