import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../calendar/business-day'
import { quietHoursRelease } from './quiet-hours'

const shanghai: BusinessCalendar = { timeZone: 'Asia/Shanghai', dayStartMinute: 0 }
// The business day's start must not move quiet hours: they follow the wall clock.
const lateNight: BusinessCalendar = { timeZone: 'Asia/Shanghai', dayStartMinute: 4 * 60 }
const newYork: BusinessCalendar = { timeZone: 'America/New_York', dayStartMinute: 0 }
const overnight = { start: '21:00', end: '09:00' }
const daytime = { start: '12:00', end: '14:00' }

describe('quietHoursRelease', () => {
  it.each([
    // [now (UTC), quiet hours, calendar, release (UTC)]; Shanghai is UTC+8.
    ['2026-12-04T12:59:59Z', overnight, shanghai, '2026-12-04T12:59:59.000Z'], // 20:59:59 local: still allowed
    ['2026-12-04T13:00:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 21:00 → 09:00 next morning
    ['2026-12-04T15:59:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 23:59 → next morning
    ['2026-12-04T16:00:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 00:00 (new date) → this morning
    ['2026-12-04T19:00:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 03:00 → this morning
    ['2026-12-05T00:59:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 08:59 → a minute later
    ['2026-12-05T01:00:00Z', overnight, shanghai, '2026-12-05T01:00:00.000Z'], // 09:00: end is not quiet
    ['2026-12-04T19:00:00Z', overnight, lateNight, '2026-12-05T01:00:00.000Z'], // dayStartMinute plays no part
    ['2026-12-31T14:00:00Z', overnight, shanghai, '2027-01-01T01:00:00.000Z'], // across a year end
    ['2026-12-04T04:00:00Z', daytime, shanghai, '2026-12-04T06:00:00.000Z'], // 12:00 → 14:00 same day
    ['2026-12-04T06:00:00Z', daytime, shanghai, '2026-12-04T06:00:00.000Z'], // 14:00: allowed
    ['2026-12-04T13:30:00Z', daytime, shanghai, '2026-12-04T13:30:00.000Z'], // 21:30: outside daytime quiet
    ['2026-12-04T13:30:00Z', { start: '09:00', end: '09:00' }, shanghai, '2026-12-04T13:30:00.000Z'], // none
    ['2026-12-04T13:30:00Z', { start: '00:00', end: '00:00' }, shanghai, '2026-12-04T13:30:00.000Z'], // none
    // New York (UTC−5 in winter, −4 in summer).
    ['2026-12-05T03:00:00Z', overnight, newYork, '2026-12-05T14:00:00.000Z'], // 22:00 EST → 09:00 EST
    ['2026-12-04T13:00:00Z', overnight, newYork, '2026-12-04T14:00:00.000Z'], // 08:00 EST → 09:00
    ['2026-03-08T04:00:00Z', overnight, newYork, '2026-03-08T13:00:00.000Z'], // 23:00 EST → 09:00 EDT (DST)
    ['2026-12-04T20:00:00Z', overnight, newYork, '2026-12-04T20:00:00.000Z'], // 15:00 EST: allowed
  ])('%s in %j (%j) → %s', (now, quietHours, calendar, release) => {
    expect(quietHoursRelease(new Date(now), quietHours, calendar).toISOString()).toBe(release)
  })

  it('returns the same instant, not a copy, outside quiet hours', () => {
    const now = new Date('2026-12-04T06:00:00Z')
    expect(quietHoursRelease(now, overnight, shanghai)).toBe(now)
  })

  it.each([[{ start: '9:00', end: '21:00' }], [{ start: '21:00', end: '24:00' }], [{ start: '', end: '09:00' }]])(
    'refuses malformed quiet hours %j',
    (quietHours) => {
      expect(() => quietHoursRelease(new Date(), quietHours, shanghai)).toThrow(RangeError)
    },
  )

  it('refuses an unknown time zone', () => {
    const calendar = { timeZone: 'Mars/Olympus', dayStartMinute: 0 }
    expect(() => quietHoursRelease(new Date('2026-12-04T13:00:00Z'), overnight, calendar)).toThrow(RangeError)
  })
})
