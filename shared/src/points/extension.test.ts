import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { businessDayStart, defaultCalendar } from '../calendar/business-day'
import { extendedExpiresAt, lotExtendability } from './extension'

const now = new Date('2026-11-23T02:00:00.000Z')
const rule = { costPoints: 50, extendDays: 30 }
const endOf2026 = '2026-12-31T16:00:00.000Z' // 2027-01-01 00:00 in Shanghai
const lot = (over: Partial<Parameters<typeof lotExtendability>[0]> = {}) => ({
  remaining: 200,
  expiresAt: endOf2026,
  extended: false,
  ...over,
})

describe('extendedExpiresAt', () => {
  it.each([
    [endOf2026, 30, '2027-01-30T16:00:00.000Z'],
    ['2027-02-27T16:00:00.000Z', 1, '2027-02-28T16:00:00.000Z'],
    // An imported lot lapsing mid-day keeps its time of day.
    ['2026-12-01T05:30:00.000Z', 10, '2026-12-11T05:30:00.000Z'],
  ])('%s + %i days → %s (Shanghai)', (from, days, to) => {
    expect(extendedExpiresAt(from, days, defaultCalendar)).toBe(to)
  })

  it('keeps a lot lapsing at the start of a business day on one across daylight saving (New York)', () => {
    const calendar = { timeZone: 'America/New_York', dayStartMinute: 240 }
    const start = businessDayStart('2027-03-01', calendar).toISOString()
    const after = extendedExpiresAt(start, 30, calendar)
    expect(after).toBe(businessDayStart('2027-03-31', calendar).toISOString())
    expect(Date.parse(after) - Date.parse(start)).toBe(30 * 86_400_000 - 3_600_000)
  })

  it.each([0, -1, 1.5])('refuses %s days', (days) => {
    expect(() => extendedExpiresAt(endOf2026, days, defaultCalendar)).toThrow(RangeError)
  })

  it('moves any instant by extendDays days, give or take the hour a daylight-saving change adds or removes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 365 }),
        fc.constantFrom(defaultCalendar, { timeZone: 'Europe/Berlin', dayStartMinute: 0 }),
        (instant, days, calendar) => {
          const moved = Date.parse(extendedExpiresAt(instant.toISOString(), days, calendar)) - instant.getTime()
          expect(Math.abs(moved - days * 86_400_000)).toBeLessThanOrEqual(3_600_000)
        },
      ),
    )
  })

  it('keeps a lot that lapses at the start of a business day lapsing at the start of one, days later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 365 }),
        fc.constantFrom(defaultCalendar, { timeZone: 'Europe/Berlin', dayStartMinute: 240 }),
        (offset, days, calendar) => {
          const day = new Date(Date.parse('2022-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10)
          const later = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
          const from = businessDayStart(day, calendar).toISOString()
          expect(extendedExpiresAt(from, days, calendar)).toBe(businessDayStart(later, calendar).toISOString())
        },
      ),
    )
  })
})

describe('lotExtendability', () => {
  it('offers the extension to a live lot worth more than it costs', () => {
    expect(lotExtendability(lot(), rule, now, defaultCalendar)).toEqual({
      extendable: true,
      expiresAt: '2027-01-30T16:00:00.000Z',
    })
  })

  it('says nothing when the program has no extension', () => {
    expect(lotExtendability(lot(), null, now, defaultCalendar)).toBeNull()
  })

  it.each([
    ['never_expires', lot({ expiresAt: null })],
    ['expired', lot({ expiresAt: now.toISOString() })],
    ['already_extended', lot({ extended: true })],
    ['spent', lot({ remaining: 0 })],
    ['too_small', lot({ remaining: 50 })],
  ] as const)('refuses a lot that is %s', (reason, candidate) => {
    expect(lotExtendability(candidate, rule, now, defaultCalendar)).toEqual({ extendable: false, reason })
  })

  it('accepts a lot one point above the cost', () => {
    expect(lotExtendability(lot({ remaining: 51 }), rule, now, defaultCalendar)?.extendable).toBe(true)
  })
})
