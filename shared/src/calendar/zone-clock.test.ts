import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, businessDayOf, businessDayStart, type BusinessCalendar } from './business-day'
import { wallClockMs, wallClockMsByIntl } from './zone-clock'

// Zones with every kind of transition: none, whole-hour DST both hemispheres, half-hour DST (Lord Howe),
// quarter-hour offsets, negative DST (Dublin), Ramadan pauses (Casablanca), a skipped day (Apia), local mean time
// into the 1970s (Monrovia), a two-hour DST (Troll).
const zones = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'Europe/Dublin',
  'Africa/Casablanca',
  'Pacific/Apia',
  'Africa/Monrovia',
  'Antarctica/Troll',
  'America/Sao_Paulo',
  'UTC',
]

const zone = fc.constantFrom(...zones)
// Anywhere from before the fast path's range to after it, to the millisecond.
const anyInstant = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2250, 0, 1) })
// Transitions fall on or near whole and half hours: instants within a second of one, in the years that matter most.
const nearHalfHour = fc
  .tuple(fc.integer({ min: 0, max: 2 * 24 * 365 * 80 }), fc.integer({ min: -1000, max: 1000 }))
  .map(([halfHours, ms]) => Date.UTC(1990, 0, 1) + halfHours * 1_800_000 + ms)
const instant = fc.oneof(anyInstant, nearHalfHour)

/** The business calendar exactly as it was computed before zone-clock.ts: every reading through Intl. */
function referenceDayOf(ms: number, calendar: BusinessCalendar): string {
  const shifted = wallClockMsByIntl(ms, calendar.timeZone) - calendar.dayStartMinute * 60_000
  return new Date(shifted).toISOString().slice(0, 10)
}

function referenceDayStart(day: string, calendar: BusinessCalendar): number {
  const wallMs = Date.parse(`${day}T00:00:00Z`) + calendar.dayStartMinute * 60_000
  let instantMs = wallMs - (wallClockMsByIntl(wallMs, calendar.timeZone) - wallMs)
  instantMs = wallMs - (wallClockMsByIntl(instantMs, calendar.timeZone) - instantMs)
  return instantMs
}

describe('wallClockMs', () => {
  it('reads what Intl reads for random instants and zones', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        expect(wallClockMs(ms, timeZone)).toBe(wallClockMsByIntl(ms, timeZone))
      }),
      { numRuns: 5000 },
    )
  })

  it('reads what Intl reads around every transition of 2026 in the DST zones', () => {
    const zonesWithDst = ['America/New_York', 'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca']
    for (const timeZone of zonesWithDst) {
      // Find the days whose offset differs from the day before's, then read every ten minutes of the day between.
      const offsetAt = (ms: number) => wallClockMsByIntl(ms, timeZone) - ms
      let transitions = 0
      for (let dayMs = Date.UTC(2026, 0, 2); dayMs < Date.UTC(2027, 0, 1); dayMs += 86_400_000) {
        if (offsetAt(dayMs) === offsetAt(dayMs - 86_400_000)) continue
        transitions += 1
        for (let ms = dayMs - 86_400_000; ms <= dayMs; ms += 600_000) {
          for (const at of [ms - 1, ms, ms + 1]) {
            expect([timeZone, at, wallClockMs(at, timeZone)]).toEqual([timeZone, at, wallClockMsByIntl(at, timeZone)])
          }
        }
      }
      expect(transitions).toBeGreaterThanOrEqual(2)
    }
  }, 30_000)
})

describe('the business calendar through the cached offsets', () => {
  const calendar = fc.record({ timeZone: zone, dayStartMinute: fc.integer({ min: 0, max: 1439 }) })

  it('businessDayOf and businessDayStart give the Intl reference answer', () => {
    fc.assert(
      fc.property(instant, calendar, (ms, cal) => {
        const day = businessDayOf(new Date(ms), cal)
        expect(day).toBe(referenceDayOf(ms, cal))
        expect(businessDayStart(day, cal).getTime()).toBe(referenceDayStart(day, cal))
        expect(businessDayStart(addDays(day, 1), cal).getTime()).toBe(referenceDayStart(addDays(day, 1), cal))
      }),
      { numRuns: 1500 },
    )
  })
})
