/**
 * Shopper-facing names for the benefit keys a program's tiers list (DESIGN.md §4). Keys the app does not know yet are
 * left out rather than shown raw, so a newer program never puts code words on screen.
 */
const benefitLabels: Readonly<Record<string, string>> = {
  birthday_gift: '生日礼',
  coupon_pack_monthly: '每月券包',
  member_price: '会员价',
  free_shipping: '包邮',
  exclusive_service: '专属客服',
  first_order_discount: '首单优惠',
  early_access: '新品优先购',
  annual_gift: '年度礼',
  seasonal_pack: '季节礼包',
}

export function benefitNames(keys: readonly string[]): string[] {
  return keys.flatMap((key) => (Object.prototype.hasOwnProperty.call(benefitLabels, key) ? [benefitLabels[key]] : []))
}
