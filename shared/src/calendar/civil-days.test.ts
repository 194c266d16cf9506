import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from './business-day'
import { dayNumberOf, dayTextOf } from './civil-days'

/** The Date round trip the calendar used before civil-days.ts. */
function referenceNumberOf(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const ms = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) return null
  return ms / 86_400_000
}

const pad = (value: number, width: number) => String(value).padStart(width, '0')
// Day-shaped texts, most of them real days, some not (month 00 or 13, day 00, 29–31 of short months).
const dayText = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)

describe('civil days', () => {
  it('reads a day text as the Date round trip does, valid or not', () => {
    fc.assert(
      fc.property(fc.oneof(dayText, fc.string({ maxLength: 12 })), (day) => {
        expect(dayNumberOf(day)).toBe(referenceNumberOf(day))
      }),
      { numRuns: 5000 },
    )
  })

  it.each(['2028-02-29', '2000-02-29', '0000-02-29', '2026-12-31', '0000-01-01', '9999-12-31', '1970-01-01'])(
    '%s is a day',
    (day) => {
      expect(dayNumberOf(day)).toBe(referenceNumberOf(day))
      expect(dayTextOf(dayNumberOf(day) as number)).toBe(day)
    },
  )

  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', ' 2026-01-01'])(
    '%j is not a day',
    (day) => {
      expect(dayNumberOf(day)).toBeNull()
    },
  )

  it('writes a day number as toISOString does for years 0000–9999, and null beyond', () => {
    const from = Date.parse('0000-01-01T00:00:00Z') / 86_400_000
    const to = Date.parse('9999-12-31T00:00:00Z') / 86_400_000
    fc.assert(
      fc.property(fc.integer({ min: from - 5000, max: to + 5000 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10)
        expect(dayTextOf(n)).toBe(n >= from && n <= to ? iso : null)
      }),
      { numRuns: 5000 },
    )
  })

  it('addDays and daysBetween give the Date arithmetic answer, throwing where it throws', () => {
    const realDay = dayText.filter((day) => referenceNumberOf(day) !== null)
    fc.assert(
      fc.property(realDay, fc.integer({ min: -4_000_000, max: 4_000_000 }), (day, n) => {
        let expected: string
        try {
          expected = new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
        } catch {
          expect(() => addDays(day, n)).toThrow(RangeError)
          return
        }
        expect(addDays(day, n)).toBe(expected)
        if (referenceNumberOf(expected) !== null) expect(daysBetween(day, expected)).toBe(n)
      }),
      { numRuns: 5000 },
    )
  })
})
