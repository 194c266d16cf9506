import { businessDayOf } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { pruneRateLimits } from '../auth/rate-limit-database'
import { pruneVisitorSessions } from '../auth/visitor-sessions'
import { expireLots, type ExpirySummary } from './expire-lots'
import { acquireLease, releaseLease } from './job-lease'
import { jobRanFor, jobRunFinished, jobRunStarted } from './job-runs'
import { sweepTiers, type TierSweepSummary } from './sweep-tiers'

export type DailyJobsResult =
  | { ran: true; businessDay: string; expiry: ExpirySummary; tiers: TierSweepSummary }
  | { ran: false; businessDay: string; reason: 'already_ran_today' | 'lease_held_elsewhere' }

const job = 'daily'
const leaseMs = 10 * 60_000

/**
 * The daily sweeps, expiry first (growth leaving the window must not count at validity end), then tiers.
 * Recorded per business day in job_runs; `force` re-runs a day, which is safe because both sweeps are
 * idempotent by data.
 */
export async function runDailyJobs(
  db: Kysely<Database>,
  now: Date,
  holder: string,
  options: { force?: boolean } = {},
): Promise<DailyJobsResult> {
  const program = await publishedProgram(db)
  const businessDay = businessDayOf(now, program.rules.calendar)
  const done = await jobRanFor(db, job, businessDay)
  if (done && !options.force) return { ran: false, businessDay, reason: 'already_ran_today' }
  if (!(await acquireLease(db, job, holder, now, leaseMs)))
    return { ran: false, businessDay, reason: 'lease_held_elsewhere' }
  try {
    await jobRunStarted(db, job, businessDay, now)
    const expiry = await expireLots(db, program, now)
    const tiers = await sweepTiers(db, program, now)
    // Abuse-limit counters whose window ended a day ago are only clutter (Redis expires its own).
    await pruneRateLimits(db, new Date(now.getTime() - 86_400_000))
    // A visitor session past its expiry can never be used or joined; it only holds a phone or openid.
    await pruneVisitorSessions(db, now)
    await jobRunFinished(db, job, businessDay, now, { expiry, tiers })
    return { ran: true, businessDay, expiry, tiers }
  } finally {
    await releaseLease(db, job, holder)
  }
}
