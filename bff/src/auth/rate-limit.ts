import { AppError } from '@mc/shared'
import type { Context } from 'hono'
import type { AppEnv, Deps, RateLimit, RateLimitedAction } from '../deps'
import { clientAddress } from './client-address'
import { databaseRateLimitCounter } from './rate-limit-database'
import { type BucketLimit, hitBuckets } from './rate-limit-buckets'
import { defaultRateLimits, withOverrides } from './rate-limit-settings'

/** The limits in force per limits object of the deps, merged once rather than on every call. */
const mergedLimits = new WeakMap<object, Record<RateLimitedAction, RateLimit>>()

function limitsOf(deps: Deps): Record<RateLimitedAction, RateLimit> {
  const overrides = deps.rateLimits?.limits
  if (!overrides) return defaultRateLimits
  let merged = mergedLimits.get(overrides)
  if (!merged) {
    merged = withOverrides(overrides)
    mergedLimits.set(overrides, merged)
  }
  return merged
}

/**
 * Counts one call of `action` against the client's address and, when known, the account it is for; past either
 * limit the call is refused with 429 RATE_LIMITED and how many seconds until that window ends (also sent as
 * Retry-After). The address is counted first, so a client already refused does not also use up the account's
 * allowance, and one address cannot lock an account by itself beyond its own window. Both are counted in one
 * statement or transaction where the counter can (rate-limit-buckets.ts).
 */
export async function enforceRateLimit(
  deps: Deps,
  action: RateLimitedAction,
  who: { client: string | null; account?: string | null },
): Promise<void> {
  const limit = limitsOf(deps)[action]
  const counter = deps.rateLimits?.counter ?? databaseRateLimitCounter(deps.db)
  const now = deps.clock.now()
  const buckets: BucketLimit[] = []
  if (who.client !== null) buckets.push({ bucket: `${action}:client:${who.client}`, max: limit.perClient })
  if (who.account) buckets.push({ bucket: `${action}:account:${who.account}`, max: limit.perAccount })
  const refusal = await hitBuckets(counter, buckets, limit.windowSeconds * 1000, now)
  if (refusal) {
    throw new AppError('RATE_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil((refusal.resetsAtMs - now.getTime()) / 1000)),
    })
  }
}

/** The same, from inside a route: the client is the request's peer address. */
export function rateLimit<E extends AppEnv>(
  c: Context<E>,
  action: RateLimitedAction,
  account?: string | null,
): Promise<void> {
  return enforceRateLimit(c.var.deps, action, { client: clientAddress(c), account })
}

/** Counts the account alone, for a call whose account is known only after its client was counted. */
export function rateLimitAccount(deps: Deps, action: RateLimitedAction, account: string): Promise<void> {
  return enforceRateLimit(deps, action, { client: null, account })
}
