import { z } from 'zod'
import { MemberProfileSchema } from '../api/response-schemas'
import { NextTierPath } from '../tiers/progress'
import { TierView } from '../tiers/tier-view'

/**
 * The days ahead in which lapsing points are worth a warning: home counts them as 即将过期 and the expiring page
 * marks them; points lapsing later are only a schedule.
 */
export const pointsExpiringSoonDays = 30

/** The member's points at a glance; `debt` > 0 means a refund clawed back spent points and spending is blocked. */
export const PointsSummary = z.strictObject({
  balance: z.number().int(),
  available: z.number().int(),
  held: z.number().int(),
  debt: z.number().int(),
  /** Points that lapse before `expiringBefore` (the next `pointsExpiringSoonDays` days). */
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
  /** What keeps the current tier (`RetainCondition`): growth needed on `byDay`, what still counts, what is short. */
  retain: z
    .strictObject({
      threshold: z.number().int(),
      byDay: z.string(),
      growthKept: z.number().int(),
      growthShort: z.number().int(),
      windowDays: z.number().int(),
    })
    .nullable(),
  points: PointsSummary,
  tiers: z.array(TierView),
})
export type MeResponse = z.infer<typeof MeResponse>
