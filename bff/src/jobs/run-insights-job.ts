import { addDays, businessDayOf } from '@mc/shared'
import type { Kysely } from 'kysely'
import { readInsightSettings } from '../analytics/insight-settings'
import { scoreMembers } from '../analytics/scoring/score-members'
import { buildSnapshotDay } from '../analytics/snapshots/build-snapshot-day'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { isPostgres } from '../db/engine'
import { withLongStatements } from '../db/long-statements'
import { acquireLease, releaseLease } from './job-lease'
import { jobRanFor, jobRunFinished, jobRunStarted } from './job-runs'

export type InsightsJobResult =
  | { ran: true; businessDay: string; built: string[]; scored: boolean }
  | { ran: false; businessDay: string; reason: 'already_ran_today' | 'lease_held_elsewhere' }

const job = 'insights'
const leaseMs = 10 * 60_000

/** Test seam: runs inside a day's transaction before its header; a throw there is a crash mid-day. */
export interface InsightsJobHooks {
  beforeHeader?: (day: string) => Promise<void>
}

/**
 * The nightly insights job for the completed business day before `now` (D). Builds every day after the latest
 * snapshot up to D (only D on a first run: older days are the backfill command's), D itself as the nightly
 * snapshot with the figures only tonight's state knows (rebuilt if a backfill left them out), and scores members
 * for D (beside the snapshots on PostgreSQL, after them on SQLite). Pass the pool, not a connection: each part
 * takes a connection of its own without the request-sized timeouts (`withLongStatements`). Runs under the
 * 'insights' lease, renewed before each day; each day is one transaction, and the run is recorded in job_runs under
 * D only once everything is done, so a run that dies is resumed by the next: built days are kept, the day it died
 * in is built again, and scoring runs again.
 */
export async function runInsightsJob(
  db: Kysely<Database>,
  now: Date,
  holder: string,
  hooks: InsightsJobHooks = {},
): Promise<InsightsJobResult> {
  const program = await publishedProgram(db)
  const businessDay = addDays(businessDayOf(now, program.rules.calendar), -1)
  const done = await jobRanFor(db, job, businessDay)
  if (done) return { ran: false, businessDay, reason: 'already_ran_today' }
  if (!(await acquireLease(db, job, holder, now, leaseMs)))
    return { ran: false, businessDay, reason: 'lease_held_elsewhere' }
  try {
    await jobRunStarted(db, job, businessDay, now)
    const startedMs = performance.now()
    // Renewed at `now` plus the time this run has taken. A lease lost meanwhile (ours lapsed and another instance
    // took it) means that instance carries on; this one stops.
    const renew = () => acquireLease(db, job, holder, new Date(now.getTime() + performance.now() - startedMs), leaseMs)
    if (!(await renew())) return { ran: false, businessDay, reason: 'lease_held_elsewhere' }
    const days = await daysToBuild(db, businessDay)
    const build = async (): Promise<string[] | null> => {
      const built: string[] = []
      for (const day of days) {
        if (built.length > 0 && !(await renew())) return null
        await withLongStatements(db, (long) =>
          buildSnapshotDay(long, day, program, {
            nightly: day === businessDay,
            now,
            beforeHeader: hooks.beforeHeader && (() => hooks.beforeHeader!(day)),
          }),
        )
        built.push(day)
      }
      return built
    }
    // Scores, tags, segments and comparisons are of tonight only: the backfill never scores old days.
    const score = async () => {
      const settings = await readInsightSettings(db)
      await withLongStatements(db, (long) => scoreMembers(long, businessDay, settings, program, { now }))
    }
    // The snapshot reads the ledgers and activity tables and the scoring reads orders, members and tiers; neither
    // reads what the other writes, so PostgreSQL runs them side by side, each on a connection of its own (a third
    // of the night's time at a million members). SQLite has one connection: one after the other.
    const built = isPostgres(db) ? await bothSettled(build(), score()) : await buildThenScore(build, score)
    if (built === null) return { ran: false, businessDay, reason: 'lease_held_elsewhere' }
    const scored = true
    await jobRunFinished(db, job, businessDay, now, { built, scored })
    return { ran: true, businessDay, built, scored }
  } finally {
    await releaseLease(db, job, holder)
  }
}

/**
 * The days after the latest snapshot up to D, or D alone when there is none; D again when its snapshot is a
 * backfill's (no growth quantiles), so tonight's figures are filled in.
 */
async function daysToBuild(db: Kysely<Database>, businessDay: string): Promise<string[]> {
  const latest = await db
    .selectFrom('snapshot_days')
    .select(['business_day', 'growth_quantiles'])
    .where('business_day', '<=', businessDay)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!latest) return [businessDay]
  if (latest.business_day === businessDay) return latest.growth_quantiles === null ? [businessDay] : []
  const days: string[] = []
  for (let day = addDays(latest.business_day, 1); day <= businessDay; day = addDays(day, 1)) days.push(day)
  return days
}

async function buildThenScore(build: () => Promise<string[] | null>, score: () => Promise<void>) {
  const built = await build()
  if (built !== null) await score()
  return built
}

/** The first promise's value once both have settled, or the first failure: neither is left running on its own. */
async function bothSettled<T>(first: Promise<T>, second: Promise<unknown>): Promise<T> {
  const [a, b] = await Promise.allSettled([first, second])
  if (a.status === 'rejected') throw a.reason
  if (b.status === 'rejected') throw b.reason
  return a.value
}
