import { z } from 'zod'
import { MemberProfileSchema } from '../api/response-schemas'
import { NextTierPath } from '../tiers/progress'
import { TierView } from '../tiers/tier-view'

/** The member's points at a glance; `debt` > 0 means a refund clawed back spent points and spending is blocked. */
export const PointsSummary = z.strictObject({
  balance: z.number().int(),
  available: z.number().int(),
  held: z.number().int(),
  debt: z.number().int(),
  /** Points that lapse before `expiringBefore` (the next 30 days). */
  expiringSoon: z.number().int(),
  expiringBefore: z.string(),
})
export type PointsSummary = z.infer<typeof PointsSummary>

/** GET /api/me: the member with tier, honest progress to the next tier, and points. */
export const MeResponse = z.strictObject({
  member: MemberProfileSchema,
  /** Counted growth: earned within the window and not refunded. */
  growth: z.number().int(),
  tier: TierView,
  /** Last business day (YYYY-MM-DD) the tier is guaranteed; null for the entry tier. */
  validUntil: z.string().nullable(),
  nextTier: TierView.nullable(),
  growthNeeded: z.number().int(),
  percent: z.number().int(),
  /** Growth from paid orders that counts once they complete. */
  pendingGrowth: z.number().int(),
  /** Counted growth that leaves the window before `validUntil`. */
  atRiskGrowth: z.number().int(),
  /** Cheapest concrete ways to the next tier under the live rules. */
  paths: z.array(NextTierPath),
  /** What keeps the current tier: counted growth needed by `byDay`, and how much is still short. */
  retain: z.strictObject({ threshold: z.number().int(), byDay: z.string(), growthShort: z.number().int() }).nullable(),
  points: PointsSummary,
  tiers: z.array(TierView),
})
export type MeResponse = z.infer<typeof MeResponse>
