import type { LoginResponse, MeResponse, MemberProfile, TierView } from '@mc/shared'

export const tiers: TierView[] = [
  { id: 'normal', name: '普通会员', threshold: 0, color: '#8a94a6', benefits: [] },
  { id: 'silver', name: '白银会员', threshold: 500, color: '#a9b6c8', benefits: [] },
  { id: 'gold', name: '黄金会员', threshold: 2000, color: '#d6a650', benefits: [] },
]

export function memberFixture(overrides: Partial<MemberProfile> = {}): MemberProfile {
  return {
    id: 'mbr_1',
    nickname: '小程',
    phoneMasked: '138****0000',
    joinedAt: '2026-11-20T08:00:00.000Z',
    sourceOutlet: null,
    ...overrides,
  }
}

export function loginFixture(member: Partial<MemberProfile> = {}): LoginResponse {
  return { token: 'tok_abc', expiresAt: '2099-01-01T00:00:00.000Z', member: memberFixture(member) }
}

/** GET /api/me for a member with `growth`, with progress as the BFF computes it for the ladder above. */
export function meFixture(growth = 0): MeResponse {
  const tierIndex = growth >= 2000 ? 2 : growth >= 500 ? 1 : 0
  const tier = tiers[tierIndex]
  const nextTier = tiers[tierIndex + 1] ?? null
  const percent = nextTier ? Math.floor(((growth - tier.threshold) * 100) / (nextTier.threshold - tier.threshold)) : 100
  return {
    member: memberFixture(),
    growth,
    tier,
    validUntil: null,
    nextTier,
    growthNeeded: nextTier ? nextTier.threshold - growth : 0,
    percent,
    pendingGrowth: 0,
    atRiskGrowth: 0,
    paths: [],
    retain: null,
    points: { balance: 0, available: 0, held: 0, debt: 0, expiringSoon: 0, expiringBefore: '2099-01-01T00:00:00.000Z' },
    tiers,
  }
}

/** A fetch Response carrying `body` as JSON. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}
