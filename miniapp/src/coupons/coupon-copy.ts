import type { CouponStatus, CouponView } from '@mc/shared'
import { chineseDate, faceYuan, shanghaiDay } from '../format'

type CouponTerms = Pick<CouponView, 'kind' | 'thresholdFen' | 'discountFen'>

/**
 * A coupon's title by its terms, spaced one way everywhere: "满 50 减 5", "无门槛减 5", "包邮券". The merchant's
 * name for the coupon (生日礼券) is shown beside it, not instead of it: the terms are what the shopper compares.
 */
export function couponTitle(coupon: CouponTerms): string {
  if (coupon.kind === 'free_shipping') return '包邮券'
  const off = faceYuan(coupon.discountFen)
  return coupon.thresholdFen > 0 ? `满 ${faceYuan(coupon.thresholdFen)} 减 ${off}` : `无门槛减 ${off}`
}

/** The big figure on the coupon's stub: "¥5" (the ¥ drawn smaller by the page), or "包邮". */
export function couponFigure(coupon: CouponTerms): { currency: boolean; amount: string } {
  if (coupon.kind === 'free_shipping') return { currency: false, amount: '包邮' }
  return { currency: true, amount: faceYuan(coupon.discountFen) }
}

/**
 * Where the coupon is accepted: cash-off coupons online and at the stores' tills, free shipping only online (the
 * till accepts only cash-off coupons, see bff/src/staff/till-purchase.ts).
 */
export function couponPlaces(coupon: Pick<CouponView, 'kind'>): { online: boolean; inStore: boolean; text: string } {
  const inStore = coupon.kind === 'cash_off'
  return { online: true, inStore, text: inStore ? '线上商城 / 门店' : '仅限线上商城' }
}

/** The last day a coupon can be used: `validUntil` is exclusive, so the day of the instant just before it. */
export function lastUsableDay(coupon: Pick<CouponView, 'validUntil'>): string {
  return shanghaiDay(new Date(Date.parse(coupon.validUntil) - 1).toISOString())
}

/** The validity line for each tab: "有效期至 2026年12月18日", "已于 2026年11月20日使用", "已于 2026年12月18日过期". */
export function couponDateText(coupon: Pick<CouponView, 'validUntil' | 'usedAt'>, status: CouponStatus): string {
  if (status === 'used' && coupon.usedAt) return `已于 ${chineseDate(shanghaiDay(coupon.usedAt))}使用`
  const last = chineseDate(lastUsableDay(coupon))
  return status === 'expired' ? `已于 ${last}过期` : `有效期至 ${last}`
}

/** Tab labels of the wallet, in order. */
export const couponTabs: readonly { status: CouponStatus; label: string }[] = [
  { status: 'available', label: '可使用' },
  { status: 'used', label: '已使用' },
  { status: 'expired', label: '已过期' },
]

/** What an empty tab says. */
export const emptyTabText: Record<CouponStatus, string> = {
  available: '暂无可用的优惠券',
  used: '还没有用过优惠券',
  expired: '没有过期的优惠券',
}
