import { describe, expect, it } from 'vitest'
import { couponDateText, couponFigure, couponPlaces, couponTitle, lastUsableDay } from './coupon-copy'

describe('coupon copy', () => {
  it('titles a coupon by its terms, spaced one way', () => {
    expect(couponTitle({ kind: 'cash_off', thresholdFen: 5000, discountFen: 500 })).toBe('满 50 减 5')
    expect(couponTitle({ kind: 'cash_off', thresholdFen: 0, discountFen: 1000 })).toBe('无门槛减 10')
    expect(couponTitle({ kind: 'cash_off', thresholdFen: 1_000_000, discountFen: 550 })).toBe('满 10,000 减 5.50')
    expect(couponTitle({ kind: 'free_shipping', thresholdFen: 0, discountFen: 0 })).toBe('包邮券')
    expect(couponFigure({ kind: 'cash_off', thresholdFen: 0, discountFen: 500 })).toEqual({
      currency: true,
      amount: '5',
    })
  })

  it('says where a coupon is accepted: free shipping only online', () => {
    expect(couponPlaces({ kind: 'cash_off' }).text).toBe('线上商城 / 门店')
    expect(couponPlaces({ kind: 'free_shipping' })).toMatchObject({ inStore: false, text: '仅限线上商城' })
  })

  it('reads validUntil as exclusive: a coupon ending at midnight is last usable the day before', () => {
    // 2026-12-19 00:00 in Shanghai.
    const coupon = { validUntil: '2026-12-18T16:00:00.000Z', usedAt: null }
    expect(lastUsableDay(coupon)).toBe('2026-12-18')
    expect(couponDateText(coupon, 'available')).toBe('有效期至 2026年12月18日')
    expect(couponDateText(coupon, 'expired')).toBe('已于 2026年12月18日过期')
    expect(couponDateText({ ...coupon, usedAt: '2026-11-20T04:00:00.000Z' }, 'used')).toBe('已于 2026年11月20日使用')
  })
})
