import { addDays, businessDayStart, type BusinessCalendar } from '@mc/shared'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { isPostgres } from '../../db/engine'

/**
 * Business days in SQL, the same on both engines. A business day starts at a fixed shift from UTC midnight as long
 * as the zone's offset does not change, so an instant's day is `date(instant + shift)`. The shifts are found once
 * in JS (`businessDayStart`, the one definition) and written as a CASE over the instants where they change — one
 * branch for zones without daylight saving — so a million rows convert without a per-row round trip or a table.
 */
export interface DaySql {
  /** The business day (YYYY-MM-DD text) of an ISO instant column or expression. */
  dayOf(instant: RawBuilder<unknown>): RawBuilder<string>
  /** The instant (ISO text, like `toISOString()`) a business-day expression starts. */
  startOf(day: RawBuilder<unknown>): RawBuilder<string>
  /** A business-day expression plus whole days. */
  plusDays(day: RawBuilder<unknown>, days: number): RawBuilder<string>
  /** Whole days from a business-day expression to the literal day `to`. */
  daysUntil(day: RawBuilder<unknown>, to: string): RawBuilder<number>
}

interface Shift {
  /** First business day (and its start instant) of a run of days with the same shift. */
  fromDay: string
  fromInstant: string
  /** Minutes added to an instant to read its business day off the UTC date. */
  minutes: number
}

/**
 * The shifts from `sinceDay` to `untilDay` (both inclusive); days before the first take its shift. Offsets change
 * months apart, so a weekly sample finds every change and only the week around one is read day by day.
 */
export function dayShifts(calendar: BusinessCalendar, sinceDay: string, untilDay: string): Shift[] {
  const shiftOf = (day: string) => {
    const start = businessDayStart(day, calendar)
    return {
      fromDay: day,
      fromInstant: start.toISOString(),
      minutes: (Date.parse(`${day}T00:00:00Z`) - start.getTime()) / 60_000,
    }
  }
  let last = shiftOf(sinceDay)
  const shifts: Shift[] = [last]
  let sampled = sinceDay
  while (sampled < untilDay) {
    let next = addDays(sampled, 7)
    if (next > untilDay) next = untilDay
    if (shiftOf(next).minutes !== last.minutes) {
      for (let day = addDays(sampled, 1); day <= next; day = addDays(day, 1)) {
        const shift = shiftOf(day)
        if (shift.minutes !== last.minutes) {
          shifts.push(shift)
          last = shift
        }
      }
    }
    sampled = next
  }
  return shifts
}

export function daySql(db: Kysely<any>, calendar: BusinessCalendar, untilDay: string): DaySql {
  // Twenty years back covers any shop's history; older instants take the oldest shift.
  const shifts = dayShifts(calendar, addDays(untilDay, -366 * 20), addDays(untilDay, 1)).reverse()
  const pg = isPostgres(db)
  const lit = (text: string) => sql.lit(text)
  // Stored instants are UTC text ending in Z; PostgreSQL reads them as a plain timestamp (ignoring the Z), which
  // is the same UTC wall time and parses twice as fast as a timestamptz brought back to UTC (measured).
  const shiftedDay = (instant: RawBuilder<unknown>, minutes: number) =>
    pg
      ? sql<string>`to_char((${instant})::timestamp + ${sql.raw(`interval '${minutes} minutes'`)}, 'YYYY-MM-DD')`
      : sql<string>`date(${instant}, ${lit(`${minutes >= 0 ? '+' : ''}${minutes} minutes`)})`
  const shiftedStart = (day: RawBuilder<unknown>, minutes: number) =>
    pg
      ? sql<string>`to_char((${day})::timestamp - ${sql.raw(`interval '${minutes} minutes'`)},
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${day}, ${lit(`${-minutes >= 0 ? '+' : ''}${-minutes} minutes`)})`
  const byShift = <T>(test: (s: Shift) => RawBuilder<unknown>, value: (s: Shift) => RawBuilder<T>) => {
    if (shifts.length === 1) return value(shifts[0])
    const branches = shifts.slice(0, -1).map((s) => sql`when ${test(s)} then ${value(s)}`)
    return sql<T>`(case ${sql.join(branches, sql` `)} else ${value(shifts[shifts.length - 1])} end)`
  }
  // A day where the clocks go back lasts 25 hours: its last hour, read with its own shift, would land on the next
  // date, so each run of days caps its dates at its own last day. (A 23-hour day needs nothing.)
  const least = (a: RawBuilder<string>, b: string) => sql<string>`${sql.raw(pg ? 'least' : 'min')}(${a}, ${lit(b)})`
  const cappedDay = (instant: RawBuilder<unknown>, s: Shift) => {
    const newer = shifts[shifts.indexOf(s) - 1]
    return newer ? least(shiftedDay(instant, s.minutes), addDays(newer.fromDay, -1)) : shiftedDay(instant, s.minutes)
  }
  return {
    dayOf: (instant) =>
      byShift(
        (s) => sql`${instant} >= ${lit(s.fromInstant)}`,
        (s) => cappedDay(instant, s),
      ),
    startOf: (day) =>
      byShift(
        (s) => sql`${day} >= ${lit(s.fromDay)}`,
        (s) => shiftedStart(day, s.minutes),
      ),
    plusDays: (day, days) =>
      pg
        ? sql<string>`to_char((${day})::date + ${sql.lit(days)}, 'YYYY-MM-DD')`
        : sql<string>`date(${day}, ${lit(`${days >= 0 ? '+' : ''}${days} days`)})`,
    daysUntil: (day, to) =>
      pg
        ? sql<number>`(${lit(to)}::date - (${day})::date)`
        : sql<number>`cast(julianday(${lit(to)}) - julianday(${day}) as integer)`,
  }
}
