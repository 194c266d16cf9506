import { randomUUID } from 'node:crypto'
import type { Deps } from '../deps'
import { expireRedemptions } from '../mall/expire-redemptions'
import { withLongStatements } from '../db/long-statements'
import { acquireLease, releaseLease } from './job-lease'
import { runCampaigns } from './run-campaigns'
import { runOutbox } from './run-outbox'
import { runDailyJobs } from './run-daily-jobs'
import { runInsightsJob } from './run-insights-job'
import { runJourneys } from './run-journeys'

type SchedulerDeps = Pick<Deps, 'db' | 'clock' | 'logger' | 'payments' | 'outreach'>

/** How the scheduler is driven. The server takes the defaults; a test passes its own `every` and runs ticks itself. */
export interface SchedulerOptions {
  /** Time between ticks; a minute by default. */
  intervalMs?: number
  /** This instance's name in the job leases; unique per process by default. */
  holder?: string
  /** Calls `tick` every `intervalMs` until the returned function is called; `setInterval` by default. */
  every?: (intervalMs: number, tick: () => Promise<void>) => () => void
}

const mallExpiryLeaseMs = 5 * 60_000
const outboxLeaseMs = 5 * 60_000

/**
 * In-process scheduler: once a minute it asks whether today's business day has had its daily run (and then
 * whether yesterday has its insights snapshot and today its journeys), sends the campaigns whose time has come,
 * sweeps the mall's unpaid redemptions whose payment window has closed, and drains the outbox. Each job runs under
 * its own database lease, so of several BFF instances only one runs it at a time; one job failing never stops the
 * next.
 * Returns a stop function.
 */
export function startScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): () => void {
  const holder = options.holder ?? `bff-${process.pid}-${randomUUID().slice(0, 8)}`
  const every = options.every ?? everyWithSetInterval
  // A tick that comes while one is still running joins it rather than running the jobs twice at once.
  let inFlight: Promise<void> | null = null
  const tick = () =>
    (inFlight ??= runJobs(deps, holder).finally(() => {
      inFlight = null
    }))
  void tick()
  return every(options.intervalMs ?? 60_000, tick)
}

function everyWithSetInterval(intervalMs: number, tick: () => Promise<void>): () => void {
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

async function runJobs(deps: SchedulerDeps, holder: string): Promise<void> {
  let dailyDone = false
  await guarded(deps, 'daily', async () => {
    // Set-based sweeps over every member may take longer per statement than a request is allowed.
    const result = await withLongStatements(deps.db, (db) => runDailyJobs(db, deps.clock.now(), holder))
    if (result.ran) deps.logger.info({ job: 'daily', ...result }, 'daily jobs ran')
    dailyDone = result.ran || result.reason === 'already_ran_today'
  })
  // Insights snapshot yesterday once today's sweeps are done, so tonight's tiers and lots are the swept ones; the
  // journeys likewise judge the swept tiers and the growth left in the window.
  if (dailyDone) {
    await guarded(deps, 'insights', async () => {
      // It takes connections without the request-sized timeouts itself (two at once on PostgreSQL).
      const result = await runInsightsJob(deps.db, deps.clock.now(), holder)
      if (result.ran) deps.logger.info({ job: 'insights', ...result }, 'insights snapshots built')
    })
    await guarded(deps, 'journeys', () => runJourneys(deps, deps.clock.now(), holder))
  }
  await guarded(deps, 'campaigns', () => runCampaigns(deps, deps.clock.now(), holder))
  await guarded(deps, 'mall_expiry', () =>
    underLease(deps, 'mall_expiry', holder, mallExpiryLeaseMs, async (now) => {
      const sweep = await expireRedemptions(deps, now)
      if (sweep.expired + sweep.completed + sweep.deferred > 0)
        deps.logger.info({ job: 'mall_expiry', ...sweep }, 'unpaid redemptions swept')
    }),
  )
  // Last, so the messages the jobs above just decided go out on this tick (quiet hours permitting).
  await guarded(deps, 'outbox', () =>
    underLease(deps, 'outbox', holder, outboxLeaseMs, async (now) => {
      const drained = await runOutbox(deps, now)
      if (Object.values(drained).some((n) => n > 0)) deps.logger.info({ job: 'outbox', ...drained }, 'outbox drained')
    }),
  )
}

/** Runs one job, logging its failure instead of letting it stop the jobs after it. */
async function guarded(deps: SchedulerDeps, job: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    deps.logger.error({ err, job }, `${job} job failed`)
  }
}

/** Runs `work` only while holding the job's lease, given back afterwards; skipped while another instance holds it. */
async function underLease(
  deps: SchedulerDeps,
  job: string,
  holder: string,
  ttlMs: number,
  work: (now: Date) => Promise<void>,
): Promise<void> {
  const now = deps.clock.now()
  if (!(await acquireLease(deps.db, job, holder, now, ttlMs))) return
  try {
    await work(now)
  } finally {
    await releaseLease(deps.db, job, holder)
  }
}
