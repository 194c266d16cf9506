import { describe, expect, it } from 'vitest'
import type { MemberBenefit } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { benefitsSelectors, initialBenefitsState, useBenefitsStore } from './benefits.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useBenefitsStore.setState(initialBenefitsState()))
const store = () => useBenefitsStore.getState()
const benefit = (key: string, unlocked: boolean, claimable: boolean): MemberBenefit => ({
  key,
  kind: 'coupon_pack',
  name: key,
  description: '',
  unlocked,
  unlockTier: null,
  unlockLabel: unlocked ? null : '解锁等级：黄金会员',
  grant: null,
  claim: unlocked
    ? {
        periodKey: '2026-11',
        claimable,
        claimedAt: claimable ? null : '2026-11-02T00:00:00Z',
        blockedBy: claimable ? null : 'BENEFIT_ALREADY_CLAIMED',
        periodEndsOn: null,
        nextPeriodStartsOn: null,
      }
    : null,
  memberPriceDiscountPercent: null,
})
const page = (claimable: boolean) => ({
  tier: { key: 'silver', name: '白银会员', color: '#7d8ea3' },
  today: '2026-11-02',
  benefits: [benefit('coupon_pack_monthly', true, claimable), benefit('free_shipping', false, false)],
})

describe('benefits store', () => {
  it('loads benefits with the available coupons and splits unlocked from locked', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, page(true)))
      .mockResolvedValueOnce(jsonResponse(200, { coupons: [], nextCursor: null }))
    await store().loadBenefits()
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/me/benefits',
      '/api/me/coupons?status=available&limit=50',
    ])
    expect(benefitsSelectors.unlocked(store()).map((b) => b.key)).toEqual(['coupon_pack_monthly'])
    expect(benefitsSelectors.locked(store()).map((b) => b.unlockLabel)).toEqual(['解锁等级：黄金会员'])
  })

  it('benefitClaimed refetches; a second claim keeps BENEFIT_ALREADY_CLAIMED', async () => {
    fetchMock
      .mockResolvedValueOnce(
        jsonResponse(201, {
          benefitKey: 'coupon_pack_monthly',
          periodKey: '2026-11',
          claimedAt: '',
          coupons: [],
          nextPeriodStartsOn: null,
        }),
      )
      .mockResolvedValueOnce(jsonResponse(200, page(false)))
      .mockResolvedValueOnce(jsonResponse(200, { coupons: [], nextCursor: null }))
    expect(await store().claim('coupon_pack_monthly')).not.toBeNull()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/me/benefits/coupon_pack_monthly/claim')
    expect(store().benefits?.benefits[0].claim?.claimedAt).not.toBeNull()

    fetchMock
      .mockResolvedValueOnce(
        jsonResponse(409, { error: { code: 'BENEFIT_ALREADY_CLAIMED', message: '本期权益已领取' } }),
      )
      .mockResolvedValueOnce(jsonResponse(200, page(false)))
      .mockResolvedValueOnce(jsonResponse(200, { coupons: [], nextCursor: null }))
    expect(await store().claim('coupon_pack_monthly')).toBeNull()
    expect(store().error?.code).toBe('BENEFIT_ALREADY_CLAIMED')
    expect(store().claiming).toBeNull()
  })
})
