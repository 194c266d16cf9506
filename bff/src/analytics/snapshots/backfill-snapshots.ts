import { addDays, isBusinessDay } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { publishedProgram } from '../../program/published-program'
import { buildSnapshotDay } from './build-snapshot-day'

/** What a backfill did: the days it built, oldest first, and how many in the range were already built. */
export interface BackfillSummary {
  built: string[]
  skipped: number
}

/**
 * Builds the snapshot of every business day in [from, to] that has none yet, oldest first (so each day's tier
 * counts move on from the day before), from the ledgers. Only completed days belong in a snapshot: the caller
 * passes a `to` before today. Backfilled days leave the figures only a nightly run knows (near the next tier,
 * retain at risk, expiring next month, growth quantiles) null.
 */
export async function backfillSnapshots(
  db: Kysely<Database>,
  from: string,
  to: string,
  now = new Date(),
): Promise<BackfillSummary> {
  if (!isBusinessDay(from) || !isBusinessDay(to)) throw new RangeError(`not YYYY-MM-DD days: ${from}, ${to}`)
  if (from > to) throw new RangeError(`backfill range runs backwards: ${from} > ${to}`)
  const program = await publishedProgram(db)
  const existing = await db
    .selectFrom('snapshot_days')
    .select('business_day')
    .where('business_day', '>=', from)
    .where('business_day', '<=', to)
    .execute()
  const done = new Set(existing.map((row) => row.business_day))
  const summary: BackfillSummary = { built: [], skipped: done.size }
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (done.has(day)) continue
    await buildSnapshotDay(db, day, program, { nightly: false, now })
    summary.built.push(day)
  }
  return summary
}
