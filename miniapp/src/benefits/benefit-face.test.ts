import { describe, expect, it } from 'vitest'
import { benefitValueText, discountText } from './benefit-face'

const coupon = { name: '券', validDays: 30, thresholdFen: 0 }

describe('benefitValueText', () => {
  it('says member price as a 折 figure', () => {
    expect(benefitValueText({ grant: null, memberPriceDiscountPercent: 5 })).toBe('9.5折')
    expect(discountText(10)).toBe('9折')
    expect(discountText(12)).toBe('8.8折')
  })

  it('adds up the cash-off coupons of one claim', () => {
    const grant = {
      period: 'month' as const,
      coupons: [
        { ...coupon, kind: 'cash_off' as const, discountFen: 500, count: 2 },
        { ...coupon, kind: 'free_shipping' as const, discountFen: 0, count: 1 },
      ],
    }
    expect(benefitValueText({ grant, memberPriceDiscountPercent: null })).toBe('¥10')
  })

  it('counts free-shipping coupons when there is no cash value, and says nothing for a standing right', () => {
    const grant = {
      period: 'month' as const,
      coupons: [{ ...coupon, kind: 'free_shipping' as const, discountFen: 0, count: 2 }],
    }
    expect(benefitValueText({ grant, memberPriceDiscountPercent: null })).toBe('包邮 ×2')
    expect(benefitValueText({ grant: null, memberPriceDiscountPercent: null })).toBeNull()
  })
})
