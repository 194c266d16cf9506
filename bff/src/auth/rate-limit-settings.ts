import { z } from 'zod'
import type { RateLimit, RateLimitedAction } from '../deps'

/**
 * Defaults for a single shop's traffic: a person does each of these a few times a minute at most, so the
 * per-account limits sit well above that and far below a script; one address may be a whole office or a shop's
 * Wi-Fi, so its limits are larger. Operators tune them with RATE_LIMITS.
 */
export const defaultRateLimits: Record<RateLimitedAction, RateLimit> = {
  memberLogin: { perClient: 30, perAccount: 10, windowSeconds: 60 },
  join: { perClient: 30, perAccount: 10, windowSeconds: 60 },
  signIn: { perClient: 60, perAccount: 10, windowSeconds: 60 },
  claim: { perClient: 60, perAccount: 20, windowSeconds: 60 },
  redeem: { perClient: 60, perAccount: 20, windowSeconds: 60 },
  staffLogin: { perClient: 30, perAccount: 10, windowSeconds: 60 },
  operatorLogin: { perClient: 30, perAccount: 10, windowSeconds: 60 },
}

const count = z.number().int().min(1).max(1_000_000)
const Overrides = z.partialRecord(
  z.enum(Object.keys(defaultRateLimits) as [RateLimitedAction, ...RateLimitedAction[]]),
  z.strictObject({ perClient: count, perAccount: count, windowSeconds: z.number().int().min(1).max(86_400) }).partial(),
)

/**
 * The limits in force: the defaults, each action overridden by the JSON of RATE_LIMITS, e.g.
 * `{"memberLogin":{"perClient":100},"redeem":{"perAccount":5,"windowSeconds":300}}`. A wrong value is an error.
 */
export function rateLimitsFromJson(json: string | undefined): Record<RateLimitedAction, RateLimit> {
  if (!json) return defaultRateLimits
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error('RATE_LIMITS: must be JSON')
  }
  const result = Overrides.safeParse(parsed)
  if (!result.success) {
    throw new Error(`RATE_LIMITS: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  }
  return withOverrides(result.data)
}

export function withOverrides(
  overrides: Partial<Record<RateLimitedAction, Partial<RateLimit>>> = {},
): Record<RateLimitedAction, RateLimit> {
  const merged = { ...defaultRateLimits }
  for (const [action, limit] of Object.entries(overrides) as [RateLimitedAction, Partial<RateLimit>][]) {
    merged[action] = { ...defaultRateLimits[action], ...limit }
  }
  return merged
}
