import { AppError } from '@mc/shared'
import type { Context } from 'hono'
import type { AppEnv, Deps, RateLimitedAction } from '../deps'
import { clientAddress } from './client-address'
import { databaseRateLimitCounter } from './rate-limit-database'
import { withOverrides } from './rate-limit-settings'

/**
 * Counts one call of `action` against the client's address and, when known, the account it is for; past either
 * limit the call is refused with 429 RATE_LIMITED and how many seconds until that window ends (also sent as
 * Retry-After). The address is counted first, so a client already refused does not also use up the account's
 * allowance, and one address cannot lock an account by itself beyond its own window.
 */
export async function enforceRateLimit(
  deps: Deps,
  action: RateLimitedAction,
  who: { client: string | null; account?: string | null },
): Promise<void> {
  const limit = withOverrides(deps.rateLimits?.limits)[action]
  const counter = deps.rateLimits?.counter ?? databaseRateLimitCounter(deps.db)
  const now = deps.clock.now()
  const windowMs = limit.windowSeconds * 1000
  const buckets: [string, number][] = []
  if (who.client !== null) buckets.push([`${action}:client:${who.client}`, limit.perClient])
  if (who.account) buckets.push([`${action}:account:${who.account}`, limit.perAccount])
  for (const [bucket, max] of buckets) {
    const { hits, resetsAtMs } = await counter.hit(bucket, windowMs, now)
    if (hits > max) {
      throw new AppError('RATE_LIMITED', {
        retryAfterSeconds: Math.max(1, Math.ceil((resetsAtMs - now.getTime()) / 1000)),
      })
    }
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
