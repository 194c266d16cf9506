import type { MeResponse, TierView } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { meJson } from './me-json'

const view = (id: string, threshold: number): TierView => ({
  id,
  name: `${id}会员`,
  threshold,
  color: '#8a8f99',
  benefits: [
    { key: 'birthday_gift', kind: 'birthday_gift', name: '生日礼券', description: '生日当月领取 ¥10 无门槛券' },
  ],
})

function me(tier: TierView, nextTier: TierView | null, tiers: TierView[]): MeResponse {
  return {
    member: {
      id: 'mbr_1',
      nickname: '林小夏',
      phoneMasked: '138****0001',
      joinedAt: '2026-08-13T02:00:00.000Z',
      sourceOutlet: null,
    },
    growth: 120,
    tier,
    validUntil: null,
    nextTier,
    growthNeeded: 280,
    percent: 30,
    pendingGrowth: 0,
    atRiskGrowth: 0,
    paths: [],
    retain: null,
    points: { balance: 5, available: 5, held: 0, debt: 0, expiringSoon: 0, expiringBefore: '2027-01-04T16:00:00.000Z' },
    tiers,
  }
}

describe('meJson', () => {
  it('writes frozen views from their cached text and others as they are, the same answer either way', () => {
    const regular = Object.freeze(view('regular', 0))
    const silver = Object.freeze(view('silver', 400))
    const ladder = Object.freeze([regular, silver]) as TierView[]
    const unfrozen = view('gold', 2000)
    for (const answer of [me(regular, silver, ladder), me(silver, null, ladder), me(unfrozen, null, [unfrozen])]) {
      expect(JSON.parse(meJson(answer))).toEqual(answer)
      // The second time the fragments come from the cache.
      expect(meJson(answer)).toBe(meJson(answer))
    }
  })
})
