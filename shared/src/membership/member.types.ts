import type { NextTierPath } from '../tiers/progress'

/** The member as the shopper sees themselves; the phone is masked (138****0000) and never sent whole. */
export interface MemberProfile {
  id: string
  nickname: string
  phoneMasked: string | null
  /** ISO timestamp of joining; null while the shopper has logged in but not yet joined. */
  joinedAt: string | null
  sourceOutlet: { id: string; name: string } | null
}

/** Answer to a login: the BFF's own session token, never anything WeChat issued. */
export interface LoginResponse {
  token: string
  expiresAt: string
  member: MemberProfile
}

export interface JoinResponse {
  member: MemberProfile
  /** False when the shopper had already joined; joining twice changes nothing. */
  joinedNow: boolean
}

/** A benefit as the member app names it, from the program's benefit library. */
export interface BenefitView {
  key: string
  name: string
  description: string
}

/** A membership tier: `threshold` is the counted growth at which a member reaches it. */
export interface Tier {
  id: string
  name: string
  threshold: number
}

/** A tier as the member app shows it. */
export interface TierView extends Tier {
  color: string
  benefits: BenefitView[]
}

/** The member's points at a glance; `debt` > 0 means a refund clawed back spent points and spending is blocked. */
export interface PointsSummary {
  balance: number
  available: number
  held: number
  debt: number
  /** Points that lapse before `expiringBefore` (the next 30 days). */
  expiringSoon: number
  expiringBefore: string
}

/** GET /api/me: the member with tier, honest progress to the next tier, and points. */
export interface MeResponse {
  member: MemberProfile
  /** Counted growth: earned within the window and not refunded. */
  growth: number
  tier: TierView
  /** Last business day (YYYY-MM-DD) the tier is guaranteed; null for the entry tier. */
  validUntil: string | null
  nextTier: TierView | null
  growthNeeded: number
  percent: number
  /** Growth from paid orders that counts once they complete. */
  pendingGrowth: number
  /** Counted growth that leaves the window before `validUntil`. */
  atRiskGrowth: number
  /** Cheapest concrete ways to the next tier under the live rules. */
  paths: NextTierPath[]
  /** What keeps the current tier: counted growth needed by `byDay`, and how much is still short. */
  retain: { threshold: number; byDay: string; growthShort: number } | null
  points: PointsSummary
  tiers: TierView[]
}

export interface HealthResponse {
  status: 'ok'
  version: string
  database: 'sqlite' | 'postgres'
}
