/**
 * A time zone's wall clock for an instant, without asking `Intl` every time. `Intl.DateTimeFormat#formatToParts`
 * costs microseconds and allocates a parts array per call, and the business calendar converts several instants on
 * every request (sign-in, earning, `/api/me`). A zone's offset from UTC changes only at a transition, so the
 * offset is asked of `Intl` once per (zone, UTC hour) and reused for every instant in that hour. An hour holding a
 * transition, and instants outside the years where tzdata is regular, still go to `Intl` each time, so the answer
 * is always the one `wallClockMsByIntl` gives (zone-clock.test.ts checks that for random instants and zones).
 */

const hourMs = 3_600_000
// Outside these instants (1900-01-01 .. 2200-01-01) the reference itself is odd (local mean times, two-digit years
// mapped to 19xx by Date.UTC), so there the fast path steps aside rather than reason about it.
const fastFromMs = -2_208_988_800_000
const fastToMs = 7_258_118_400_000
// A cleared map costs one Intl call per hour seen again; 50,000 hours is more than five years of instants per zone.
const maxHoursPerZone = 50_000

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's formatter, made once per zone; throws RangeError for an unknown zone. */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The reference: the zone's wall-clock reading of an instant through `Intl`, as if it were UTC, to the second. */
export function wallClockMsByIntl(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  )
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second)
}

// Per zone: UTC hour number → the zone's offset in ms through the whole hour, or null when it changes inside it.
const offsetsByZone = new Map<string, Map<number, number | null>>()
// The last hour asked, kept apart: nearly every call in a request is about "now" in the merchant's one zone.
let lastZone = ''
let lastHour = Number.NaN
let lastOffset: number | null = null

function offsetThroughHour(hour: number, timeZone: string): number | null {
  let offsets = offsetsByZone.get(timeZone)
  if (!offsets) {
    offsets = new Map()
    offsetsByZone.set(timeZone, offsets)
  }
  let offset = offsets.get(hour)
  if (offset === undefined) {
    const startMs = hour * hourMs
    const endMs = startMs + hourMs
    const atStart = wallClockMsByIntl(startMs, timeZone) - startMs
    const atEnd = wallClockMsByIntl(endMs, timeZone) - endMs
    // Equal at both ends means no transition inside (no zone has two transitions within an hour).
    offset = atStart === atEnd ? atStart : null
    if (offsets.size >= maxHoursPerZone) offsets.clear()
    offsets.set(hour, offset)
  }
  return offset
}

/** The zone's wall-clock reading of an instant, as if it were UTC, to the second: same as `wallClockMsByIntl`. */
export function wallClockMs(instantMs: number, timeZone: string): number {
  if (!(instantMs >= fastFromMs && instantMs < fastToMs)) return wallClockMsByIntl(instantMs, timeZone)
  const hour = Math.floor(instantMs / hourMs)
  let offset: number | null
  if (hour === lastHour && timeZone === lastZone) {
    offset = lastOffset
  } else {
    offset = offsetThroughHour(hour, timeZone)
    lastZone = timeZone
    lastHour = hour
    lastOffset = offset
  }
  if (offset === null) return wallClockMsByIntl(instantMs, timeZone)
  // Offsets are whole seconds, so truncating the instant to its second truncates the reading the same way.
  return instantMs - (((instantMs % 1000) + 1000) % 1000) + offset
}
