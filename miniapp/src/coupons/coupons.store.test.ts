import { describe, expect, it } from 'vitest'
import type { CouponView } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialCouponsState, useCouponsStore } from './coupons.store'

const fetchMock = stubFetch(() => useCouponsStore.setState(initialCouponsState()))
const store = () => useCouponsStore.getState()
const coupon = (id: string, status: CouponView['status'] = 'available'): CouponView => ({
  id,
  code: 'ABCD0123ABCD0123',
  benefitKey: 'coupon_pack_monthly',
  name: '每月券包',
  kind: 'cash_off',
  thresholdFen: 5000,
  discountFen: 500,
  status,
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-12-01T16:00:00.000Z',
  usedAt: null,
  usedOrderId: null,
  createdAt: '2026-11-01T00:00:00.000Z',
})

describe('coupons store', () => {
  it('loads a tab and pages on by cursor, keeping the status total', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, { coupons: [coupon('c2')], nextCursor: 'c2', total: 2 }))
      .mockResolvedValueOnce(jsonResponse(200, { coupons: [coupon('c1')], nextCursor: null, total: 2 }))
    await store().loadTab('available')
    await store().loadMore('available')
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/me/coupons?status=available&limit=20',
      '/api/me/coupons?status=available&limit=20&cursor=c2',
    ])
    expect(store().tabs.available).toMatchObject({ total: 2, nextCursor: null, loaded: true, pending: false })
    expect(store().tabs.available.coupons.map((c) => c.id)).toEqual(['c2', 'c1'])
    // Nothing more to page: no request.
    expect(await store().loadMore('available')).toBe(false)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('keeps each tab apart and a failure on its own tab', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(500, { error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } }),
    )
    expect(await store().loadTab('used')).toBe(false)
    expect(store().tabs.used.error?.message).toBe('服务暂时不可用，请稍后重试')
    expect(store().tabs.available).toMatchObject({ loaded: false, error: null })
  })

  it('reads the available count for home from one coupon', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { coupons: [coupon('c9')], nextCursor: 'c9', total: 7 }))
    await store().loadAvailableCount()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/me/coupons?status=available&limit=1')
    expect(store().availableCount).toBe(7)
  })
})
