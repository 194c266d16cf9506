import { randomUUID } from 'node:crypto'
import type { Deps } from '../deps'
import { runDailyJobs } from './run-daily-jobs'

/**
 * In-process scheduler: once a minute it asks whether today's business day has had its daily run; the first
 * instance to take the lease runs it. Returns a stop function.
 */
export function startScheduler(deps: Pick<Deps, 'db' | 'clock' | 'logger'>, intervalMs = 60_000): () => void {
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
    } finally {
      running = false
    }
  }
  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
