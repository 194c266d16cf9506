import type { BenefitKind, MemberBenefit } from '@mc/shared'
import type { Glyph, IconTone } from '../components/icon'
import {
  CouponGlyph,
  DiscountGlyph,
  GiftGlyph,
  OrderGlyph,
  ServiceGlyph,
  ShippingGlyph,
  StarGlyph,
} from '../components/icon/glyphs'
import { faceYuan } from '../format'

/** The icon and tile colour of each benefit kind, the same on the benefits page and the tier cards. */
export const benefitKindLooks: Record<BenefitKind, { glyph: Glyph; tone: IconTone }> = {
  coupon_pack: { glyph: CouponGlyph, tone: 'orange' },
  birthday_gift: { glyph: GiftGlyph, tone: 'red' },
  first_order_discount: { glyph: OrderGlyph, tone: 'orange' },
  free_shipping: { glyph: ShippingGlyph, tone: 'blue' },
  member_price: { glyph: DiscountGlyph, tone: 'gold' },
  exclusive_service: { glyph: ServiceGlyph, tone: 'green' },
  early_access: { glyph: StarGlyph, tone: 'blue' },
  annual_gift: { glyph: GiftGlyph, tone: 'gold' },
  seasonal_pack: { glyph: CouponGlyph, tone: 'green' },
}

/** 5 (percent off) → "9.5折", 10 → "9折". */
export function discountText(percentOff: number): string {
  const tenths = 100 - percentOff
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`
}

/**
 * What a benefit is worth, for its tile: "9.5折" for member price, "¥30" for the cash-off coupons of one claim,
 * "包邮 ×2" for free-shipping coupons alone; null for a standing right (service, early access) with no figure.
 */
export function benefitValueText(benefit: Pick<MemberBenefit, 'grant' | 'memberPriceDiscountPercent'>): string | null {
  if (benefit.memberPriceDiscountPercent !== null) return discountText(benefit.memberPriceDiscountPercent)
  const coupons = benefit.grant?.coupons ?? []
  const cashFen = coupons
    .filter((coupon) => coupon.kind === 'cash_off')
    .reduce((sum, coupon) => sum + coupon.discountFen * coupon.count, 0)
  if (cashFen > 0) return `¥${faceYuan(cashFen)}`
  const shipping = coupons.filter((coupon) => coupon.kind === 'free_shipping').reduce((n, c) => n + c.count, 0)
  return shipping > 0 ? `包邮 ×${shipping}` : null
}
