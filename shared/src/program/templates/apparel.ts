import type { ProgramRules } from '../program-rules'

/**
 * 服饰 (apparel): baskets around ¥300, four to six purchases a year following the seasons, and returns of
 * 20–30% (sizes). Growth and points both wait for completion, so a haul that is mostly returned never lifts a
 * tier. Four tiers on one growth per yuan: 银卡 after a season's wardrobe, 金卡 for a loyal yearly shopper,
 * 黑金 for the top few. Sign-in is worth little (nobody buys clothes daily); the value sits in seasonal packs,
 * early access to new collections and free returns.
 */
export const apparelTemplate: ProgramRules = {
  calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 0 },
  tiers: [
    { key: 'regular', name: '普通会员', threshold: 0, retainThreshold: 0, validityDays: 365, pointsMultiplierPercent: 100, color: '#8a8f99', benefits: ['birthday_gift'] },
    { key: 'silver', name: '银卡会员', threshold: 1_000, retainThreshold: 800, validityDays: 365, pointsMultiplierPercent: 120, color: '#7d8ea3', benefits: ['birthday_gift', 'seasonal_pack', 'free_shipping'] },
    { key: 'gold', name: '金卡会员', threshold: 3_000, retainThreshold: 2_400, validityDays: 365, pointsMultiplierPercent: 150, color: '#c9a227', benefits: ['birthday_gift', 'seasonal_pack', 'free_shipping', 'member_price', 'early_access'] },
    { key: 'black', name: '黑金会员', threshold: 8_000, retainThreshold: 6_400, validityDays: 365, pointsMultiplierPercent: 200, color: '#2b2b33', benefits: ['birthday_gift', 'seasonal_pack', 'free_shipping', 'member_price', 'early_access', 'exclusive_service'] },
  ],
  growth: {
    windowDays: 365,
    creditOn: 'completed',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 1, weightPercent: 100, dailyCap: 1 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 20, weightPercent: 100, dailyCap: 40 },
      profileCompleted: { base: 50, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 100, weightPercent: 100, dailyCap: null },
      task: { base: 10, weightPercent: 100, dailyCap: 50 },
    },
  },
  points: {
    creditOn: 'completed',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 2, weightPercent: 100, dailyCap: 2 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 20, weightPercent: 100, dailyCap: 40 },
      profileCompleted: { base: 100, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 200, weightPercent: 100, dailyCap: null },
      task: { base: 10, weightPercent: 100, dailyCap: 50 },
    },
    birthdayMonthMultiplierPercent: 200,
    expiry: { kind: 'end_of_following_year' },
    extension: { costPoints: 100, extendDays: 60 },
  },
  joinGift: { points: 200, growth: 0 },
  signIn: { cycleDays: 7, streakBonuses: [{ day: 7, growth: 5, points: 20 }], makeUp: { costPoints: 30, perMonth: 1 } },
  benefits: {
    birthday_gift: { kind: 'birthday_gift', name: '生日礼券', description: '生日当月领取满 200 减 30 券', faceValueFen: 3_000, grantsPerYear: 1, assumedUsagePercent: 45, grant: { period: 'birthday_month', coupons: [{ name: '生日礼券', kind: 'cash_off', thresholdFen: 0, discountFen: 3000, count: 1, validDays: 31 }] } },
    seasonal_pack: { kind: 'seasonal_pack', name: '换季礼包', description: '每季 2 张满 300 减 30', faceValueFen: 3_000, grantsPerYear: 8, assumedUsagePercent: 25, grant: { period: 'quarter', coupons: [{ name: '换季礼包', kind: 'cash_off', thresholdFen: 30000, discountFen: 3000, count: 2, validDays: 60 }] } },
    free_shipping: { kind: 'free_shipping', name: '包邮包退', description: '全年包邮，退换免运费', faceValueFen: 1_200, grantsPerYear: 6, assumedUsagePercent: 60, grant: { period: 'month', coupons: [{ name: '包邮包退', kind: 'free_shipping', thresholdFen: 0, discountFen: 1200, count: 1, validDays: 31 }] } },
    member_price: { kind: 'member_price', name: '会员 9 折', description: '正价商品 9 折', faceValueFen: 3_000, grantsPerYear: 5, assumedUsagePercent: 70, grant: null, memberPriceDiscountPercent: 10 },
    early_access: { kind: 'early_access', name: '新品优先购', description: '新品提前 48 小时购买', faceValueFen: 0, grantsPerYear: 0, assumedUsagePercent: 0, grant: null },
    exclusive_service: { kind: 'exclusive_service', name: '专属穿搭顾问', description: '一对一穿搭建议与预约试衣', faceValueFen: 0, grantsPerYear: 0, assumedUsagePercent: 0, grant: null },
  },
}
