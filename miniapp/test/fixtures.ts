import type { LoginResponse, MeResponse, MemberProfile, PointsSummary, TierView } from '@mc/shared'

/** The FMCG template's ladder as GET /api/program/tiers and /api/me send it. */
export const tiers: TierView[] = [
  {
    id: 'regular',
    name: '普通会员',
    threshold: 0,
    color: '#8a8f99',
    benefits: [{ key: 'birthday_gift', kind: 'birthday_gift', name: '生日礼券', description: '' }],
  },
  {
    id: 'silver',
    name: '白银会员',
    threshold: 500,
    color: '#7d8ea3',
    benefits: [
      { key: 'birthday_gift', kind: 'birthday_gift', name: '生日礼券', description: '' },
      { key: 'coupon_pack_monthly', kind: 'coupon_pack', name: '每月领券', description: '' },
      { key: 'member_price', kind: 'member_price', name: '会员价', description: '' },
    ],
  },
  {
    id: 'gold',
    name: '黄金会员',
    threshold: 2000,
    color: '#c9a227',
    benefits: [
      { key: 'birthday_gift', kind: 'birthday_gift', name: '生日礼券', description: '' },
      { key: 'coupon_pack_monthly', kind: 'coupon_pack', name: '每月领券', description: '' },
      { key: 'member_price', kind: 'member_price', name: '会员价', description: '' },
      { key: 'free_shipping', kind: 'free_shipping', name: '包邮券', description: '' },
      { key: 'exclusive_service', kind: 'exclusive_service', name: '专属客服', description: '' },
    ],
  },
]

const retainThresholds: Record<string, number> = { silver: 400, gold: 1600 }

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

export function pointsFixture(overrides: Partial<PointsSummary> = {}): PointsSummary {
  return {
    balance: 0,
    available: 0,
    held: 0,
    debt: 0,
    expiringSoon: 0,
    expiringBefore: '2026-12-24T16:00:00.000Z',
    ...overrides,
  }
}

/**
 * GET /api/me for a member with `growth`, with progress as the BFF computes it under the FMCG rules (¥1 or half a
 * day's sign-in per growth point); tiers above the entry tier last until 2027-11-23 and nothing is at risk.
 */
export function meFixture(growth = 0, overrides: Partial<MeResponse> = {}): MeResponse {
  const tierIndex = growth >= 2000 ? 2 : growth >= 500 ? 1 : 0
  const tier = tiers[tierIndex]
  const nextTier = tiers[tierIndex + 1] ?? null
  const percent = nextTier ? Math.floor(((growth - tier.threshold) * 100) / (nextTier.threshold - tier.threshold)) : 100
  const growthNeeded = nextTier ? nextTier.threshold - growth : 0
  const retainThreshold = retainThresholds[tier.id]
  const validUntil = retainThreshold === undefined ? null : '2027-11-23'
  return {
    member: memberFixture(),
    growth,
    tier,
    validUntil,
    nextTier,
    growthNeeded,
    percent,
    pendingGrowth: 0,
    atRiskGrowth: 0,
    paths:
      growthNeeded > 0
        ? [
            { kind: 'order', amountFen: growthNeeded * 100 },
            { kind: 'sign_in', days: Math.ceil(growthNeeded / 2) },
          ]
        : [],
    retain:
      retainThreshold === undefined
        ? null
        : {
            threshold: retainThreshold,
            byDay: '2027-11-23',
            growthKept: growth,
            growthShort: Math.max(0, retainThreshold - growth),
            windowDays: 365,
          },
    points: pointsFixture(),
    tiers,
    ...overrides,
  }
}

/** A fetch Response carrying `body` as JSON. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}
