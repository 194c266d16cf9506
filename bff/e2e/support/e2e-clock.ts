import { RunningTestClock } from '../../src/test/test-clock'

/**
 * Where browser tests start in time: the middle of a month at 10:00 in Shanghai, so no spec meets a month start,
 * a midnight or a year end, whatever day the suite runs. From there the clock runs with real time.
 */
export const e2eStartsAt = '2026-11-18T10:00:00+08:00'

/**
 * The one clock of a browser test file (each file loads its own copy of this module): the H5 server reads it,
 * `openPhone()` sets the browser's clock to it, and the shop helpers sign webhooks with it. Specs move it
 * forward with the phone's `advanceTime(ms)`, which moves the browser's clock by the same amount.
 */
export const e2eClock = new RunningTestClock(e2eStartsAt)

/** The first day of the e2e clock's month, 00:00 in Asia/Shanghai, as an ISO instant. */
export function e2eMonthStart(): string {
  const wall = new Date(e2eClock.now().getTime() + 8 * 3_600_000)
  return `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00+08:00`
}
