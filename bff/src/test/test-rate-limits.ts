import type { RateLimit, RateLimitedAction } from '../deps'
import { defaultRateLimits } from '../auth/rate-limit-settings'

/**
 * Every action allowed 100,000 calls a minute per client and account: specs and the browser tests' server log in
 * and sign in many times from one address on a hand-moved clock. The counters still run; rate-limit specs set low
 * limits of their own.
 */
export const testRateLimits = Object.fromEntries(
  Object.keys(defaultRateLimits).map((action) => [
    action,
    { perClient: 100_000, perAccount: 100_000, windowSeconds: 60 },
  ]),
) as Record<RateLimitedAction, RateLimit>
