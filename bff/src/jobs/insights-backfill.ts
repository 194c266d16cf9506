import { parseArgs } from 'node:util'
import { addDays, businessDayOf, isBusinessDay } from '@mc/shared'
import type { Kysely } from 'kysely'
import { backfillSnapshots, type BackfillSummary } from '../analytics/snapshots/backfill-snapshots'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { acquireLease, releaseLease } from './job-lease'

export type InsightsBackfillResult =
  | ({ ran: true; from: string; to: string } & BackfillSummary)
  | { ran: false; reason: 'lease_held_elsewhere' | 'no_members' }

// Long enough for a year of days on a large shop; the lease is the nightly job's, so the two never overlap.
const leaseMs = 6 * 60 * 60_000

/**
 * The backfill command's work: `--from` (default: the business day the first member joined) to `--to` (default:
 * yesterday), refusing today or later (an unfinished day has no snapshot) and a range that runs backwards.
 */
export async function runInsightsBackfill(
  db: Kysely<Database>,
  now: Date,
  holder: string,
  args: string[],
): Promise<InsightsBackfillResult> {
  const { values } = parseArgs({
    args: args.filter((arg) => arg !== '--'),
    options: { from: { type: 'string' }, to: { type: 'string' } },
  })
  const program = await publishedProgram(db)
  const yesterday = addDays(businessDayOf(now, program.rules.calendar), -1)
  for (const day of [values.from, values.to])
    if (day !== undefined && !isBusinessDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`)
  const to = values.to ?? yesterday
  if (to > yesterday) throw new RangeError(`--to ${to} is not a completed business day (the latest is ${yesterday})`)
  let from = values.from
  if (from === undefined) {
    const first = await db
      .selectFrom('members')
      .select((eb) => eb.fn.min('joined_at').as('first'))
      .executeTakeFirst()
    if (!first?.first) return { ran: false, reason: 'no_members' }
    from = businessDayOf(new Date(first.first), program.rules.calendar)
  }
  if (from > to) throw new RangeError(`--from ${from} is after --to ${to}`)
  if (!(await acquireLease(db, 'insights', holder, now, leaseMs))) return { ran: false, reason: 'lease_held_elsewhere' }
  try {
    return { ran: true, from, to, ...(await backfillSnapshots(db, from, to, now)) }
  } finally {
    await releaseLease(db, 'insights', holder)
  }
}
