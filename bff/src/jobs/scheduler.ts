import { randomUUID } from 'node:crypto'
import type { Deps } from '../deps'
import { expireRedemptions } from '../mall/expire-redemptions'
import { acquireLease, releaseLease } from './job-lease'
import { runDailyJobs } from './run-daily-jobs'

/**
 * In-process scheduler: once a minute it asks whether today's business day has had its daily run, and
 * sweeps the mall's unpaid redemptions whose payment window has closed. Each job runs under its own database
 * lease, so of several BFF instances only one runs it at a time. Returns a stop function.
 */
export function startScheduler(deps: Pick<Deps, 'db' | 'clock' | 'logger' | 'payments'>, intervalMs = 60_000): () => void {
  const holder = `bff-${process.pid}-${randomUUID().slice(0, 8)}`
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      const result = await runDailyJobs(deps.db, deps.clock.now(), holder)
      if (result.ran) deps.logger.info({ job: 'daily', ...result }, 'daily jobs ran')
    } catch (err) {
      deps.logger.error({ err, job: 'daily' }, 'daily jobs failed')
    }
    try {
      const now = deps.clock.now()
      if (await acquireLease(deps.db, 'mall_expiry', holder, now, 5 * 60_000)) {
        try {
          const sweep = await expireRedemptions(deps, now)
          if (sweep.expired + sweep.completed + sweep.deferred > 0) deps.logger.info({ job: 'mall_expiry', ...sweep }, 'unpaid redemptions swept')
        } finally {
          await releaseLease(deps.db, 'mall_expiry', holder)
        }
      }
    } catch (err) {
      deps.logger.error({ err, job: 'mall_expiry' }, 'mall expiry sweep failed')
    } finally {
      running = false
    }
  }
  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
