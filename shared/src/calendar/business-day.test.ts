import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  businessDayOf,
  businessDayStart,
  daysBetween,
  isBusinessDay,
  type BusinessCalendar,
} from './business-day'

const shanghai: BusinessCalendar = { timeZone: 'Asia/Shanghai', dayStartMinute: 0 }
const lateNight: BusinessCalendar = { timeZone: 'Asia/Shanghai', dayStartMinute: 4 * 60 }
const newYork: BusinessCalendar = { timeZone: 'America/New_York', dayStartMinute: 0 }

describe('businessDayOf', () => {
  it.each([
    ['2026-11-22T15:59:59.999Z', shanghai, '2026-11-22'], // 23:59:59.999 in Shanghai
    ['2026-11-22T16:00:00.000Z', shanghai, '2026-11-23'], // midnight in Shanghai
    ['2026-11-22T19:59:59.999Z', lateNight, '2026-11-22'], // 03:59 belongs to the night before
    ['2026-11-22T20:00:00.000Z', lateNight, '2026-11-23'], // 04:00 starts the new day
    ['2026-11-30T16:00:00.000Z', shanghai, '2026-12-01'], // across a month end
    ['2026-12-31T16:00:00.000Z', shanghai, '2027-01-01'], // and a year end
    ['2026-03-08T06:59:59.000Z', newYork, '2026-03-08'], // DST starts that morning in New York
    ['2026-03-09T03:59:59.000Z', newYork, '2026-03-08'],
    ['2026-03-09T04:00:00.000Z', newYork, '2026-03-09'],
  ])('%s is business day %s → %s', (iso, calendar, day) => {
    expect(businessDayOf(new Date(iso), calendar as BusinessCalendar)).toBe(day)
  })

  it.each([
    [{ timeZone: 'Asia/Shanghai', dayStartMinute: 1440 }],
    [{ timeZone: 'Asia/Shanghai', dayStartMinute: -1 }],
    [{ timeZone: 'Asia/Shanghai', dayStartMinute: 0.5 }],
    [{ timeZone: 'Mars/Olympus', dayStartMinute: 0 }],
  ])('refuses calendar %j', (calendar) => {
    expect(() => businessDayOf(new Date(), calendar)).toThrow(RangeError)
  })

  it('every instant lies in the business day that starts at or before it and ends after it', () => {
    const calendars = fc.constantFrom(shanghai, lateNight, newYork, {
      timeZone: 'Asia/Shanghai',
      dayStartMinute: 23 * 60 + 59,
    })
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), calendars, (ms, calendar) => {
        const day = businessDayOf(new Date(ms), calendar)
        expect(businessDayStart(day, calendar).getTime()).toBeLessThanOrEqual(ms)
        expect(businessDayStart(addDays(day, 1), calendar).getTime()).toBeGreaterThan(ms)
      }),
    )
  })
})

describe('day arithmetic', () => {
  it('adds and counts days across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-11-23', '2027-11-23')).toBe(365)
  })

  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        expect(daysBetween('2026-11-23', addDays('2026-11-23', n))).toBe(n)
      }),
    )
  })

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('%j is not a day', (value) => {
    expect(isBusinessDay(value)).toBe(false)
    expect(() => addDays(value, 1)).toThrow(RangeError)
  })
})
