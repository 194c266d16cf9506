import { randomUUID } from 'node:crypto'
import type { Deps } from '../deps'
import { expireRedemptions } from '../mall/expire-redemptions'
import { acquireLease, releaseLease } from './job-lease'
import { runDailyJobs } from './run-daily-jobs'
import { runInsightsJob } from './run-insights-job'

type SchedulerDeps = Pick<Deps, 'db' | 'clock' | 'logger' | 'payments'>

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

/**
 * In-process scheduler: once a minute it asks whether today's business day has had its daily run (and then
 * whether yesterday has its insights snapshot), and sweeps the mall's unpaid redemptions whose payment window has
 * closed. Each job runs under its own database lease, so of several BFF instances only one runs it at a time.
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
  try {
    const result = await runDailyJobs(deps.db, deps.clock.now(), holder)
    if (result.ran) deps.logger.info({ job: 'daily', ...result }, 'daily jobs ran')
    dailyDone = result.ran || result.reason === 'already_ran_today'
  } catch (err) {
    deps.logger.error({ err, job: 'daily' }, 'daily jobs failed')
  }
  // Insights snapshot yesterday once today's sweeps are done, so tonight's tiers and lots are the swept ones.
  if (dailyDone) {
    try {
      const result = await runInsightsJob(deps.db, deps.clock.now(), holder)
      if (result.ran) deps.logger.info({ job: 'insights', ...result }, 'insights snapshots built')
    } catch (err) {
      deps.logger.error({ err, job: 'insights' }, 'insights job failed')
    }
  }
  try {
    const now = deps.clock.now()
    if (!(await acquireLease(deps.db, 'mall_expiry', holder, now, mallExpiryLeaseMs))) return
    try {
      const sweep = await expireRedemptions(deps, now)
      if (sweep.expired + sweep.completed + sweep.deferred > 0)
        deps.logger.info({ job: 'mall_expiry', ...sweep }, 'unpaid redemptions swept')
    } finally {
      await releaseLease(deps.db, 'mall_expiry', holder)
    }
  } catch (err) {
    deps.logger.error({ err, job: 'mall_expiry' }, 'mall expiry sweep failed')
  }
}
