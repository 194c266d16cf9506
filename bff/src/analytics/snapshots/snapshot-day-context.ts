import { addDays, businessDayStart } from '@mc/shared'
import { sql, type RawBuilder, type Transaction } from 'kysely'
import { isPostgres } from '../../db/engine'
import type { Database } from '../../db/schema'
import type { PublishedProgram } from '../../program/published-program'

/** What every part of one day's snapshot needs: the day, its instants, the rules, and whether it is the nightly run. */
export interface SnapshotDay {
  trx: Transaction<Database>
  /** The business day being snapshotted (YYYY-MM-DD). */
  day: string
  /** The instant the day starts and the instant the next one starts (ISO text, the form timestamps are stored in). */
  startsAt: string
  endsAt: string
  program: PublishedProgram
  /**
   * True when the day is yesterday and the job runs tonight: only then do today's states (member tiers, lots,
   * growth balances) describe the day's end, so only then are the forward-looking figures filled in.
   */
  nightly: boolean
}

export function snapshotDay(
  trx: Transaction<Database>,
  day: string,
  program: PublishedProgram,
  nightly: boolean,
): SnapshotDay {
  const { calendar } = program.rules
  return {
    trx,
    day,
    startsAt: businessDayStart(day, calendar).toISOString(),
    endsAt: businessDayStart(addDays(day, 1), calendar).toISOString(),
    program,
    nightly,
  }
}

/** Whole days from one YYYY-MM-DD expression to another, the same on both engines. */
export function daysFromTo(s: SnapshotDay, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number> {
  return isPostgres(s.trx)
    ? sql<number>`((${to})::date - (${from})::date)`
    : sql<number>`cast(julianday(${to}) - julianday(${from}) as integer)`
}

/** PostgreSQL answers sums and counts as strings; every figure read back goes through here. */
export const num = (value: unknown): number => Number(value ?? 0)

/**
 * `tier_changes` read in each member's order (tier_changes_member_history): SQLite would otherwise take the day
 * index, fetch the year's changes at random and sort them by member again; PostgreSQL chooses for itself.
 */
export function tierHistory(s: SnapshotDay): RawBuilder<unknown> {
  return sql.raw(isPostgres(s.trx) ? 'tier_changes' : 'tier_changes indexed by tier_changes_member_history')
}
