import type { ProgramRules } from '../program-rules'

/**
 * 快消品 (FMCG): frequent, small baskets (¥50–150). One growth per yuan makes 白银 about four to six orders a
 * year and 黄金 a weekly shopper, so the top tier stays a minority. Sign-in is worth a little every day to build
 * the habit, capped so it can never outrun buying. Growth counts as soon as an order is paid (returns are rare
 * and refunds reverse it); points wait for completion, because points are spendable value.
 */
export const fmcgTemplate: ProgramRules = {
  calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 0 },
  tiers: [
    {
      key: 'regular',
      name: '普通会员',
      threshold: 0,
      retainThreshold: 0,
      validityDays: 365,
      pointsMultiplierPercent: 100,
      color: '#8a8f99',
      benefits: ['birthday_gift'],
    },
    {
      key: 'silver',
      name: '白银会员',
      threshold: 500,
      retainThreshold: 400,
      validityDays: 365,
      pointsMultiplierPercent: 120,
      color: '#7d8ea3',
      benefits: ['birthday_gift', 'coupon_pack_monthly', 'member_price'],
    },
    {
      key: 'gold',
      name: '黄金会员',
      threshold: 2000,
      retainThreshold: 1600,
      validityDays: 365,
      pointsMultiplierPercent: 150,
      color: '#c9a227',
      benefits: ['birthday_gift', 'coupon_pack_monthly', 'member_price', 'free_shipping', 'exclusive_service'],
    },
  ],
  growth: {
    windowDays: 365,
    creditOn: 'paid',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 2, weightPercent: 100, dailyCap: 2 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 10, weightPercent: 100, dailyCap: 20 },
      profileCompleted: { base: 50, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 100, weightPercent: 100, dailyCap: null },
      task: { base: 10, weightPercent: 100, dailyCap: 50 },
    },
  },
  points: {
    creditOn: 'completed',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 5, weightPercent: 100, dailyCap: 5 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 10, weightPercent: 100, dailyCap: 20 },
      profileCompleted: { base: 100, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 100, weightPercent: 100, dailyCap: null },
      task: { base: 10, weightPercent: 100, dailyCap: 50 },
    },
    birthdayMonthMultiplierPercent: 200,
    expiry: { kind: 'end_of_following_year' },
    extension: { costPoints: 50, extendDays: 30 },
  },
  joinGift: null, // off by default: a merchant turns it on once they know what a new member is worth to them
  signIn: {
    cycleDays: 7,
    streakBonuses: [
      { day: 3, growth: 0, points: 10 },
      { day: 7, growth: 5, points: 30 },
    ],
    makeUp: { costPoints: 20, perMonth: 2 },
  },
  benefits: {
    birthday_gift: {
      kind: 'birthday_gift',
      name: '生日礼券',
      description: '生日当月领取 ¥10 无门槛券',
      faceValueFen: 1_000,
      grantsPerYear: 1,
      assumedUsagePercent: 60,
      grant: {
        period: 'birthday_month',
        coupons: [{ name: '生日礼券', kind: 'cash_off', thresholdFen: 0, discountFen: 1000, count: 1, validDays: 31 }],
      },
    },
    coupon_pack_monthly: {
      kind: 'coupon_pack',
      name: '每月领券',
      description: '每月 2 张满 50 减 5',
      faceValueFen: 500,
      grantsPerYear: 24,
      assumedUsagePercent: 35,
      grant: {
        period: 'month',
        coupons: [
          { name: '每月领券', kind: 'cash_off', thresholdFen: 5000, discountFen: 500, count: 2, validDays: 30 },
        ],
      },
    },
    member_price: {
      kind: 'member_price',
      name: '会员价',
      description: '会员商品 95 折',
      faceValueFen: 400,
      grantsPerYear: 12,
      assumedUsagePercent: 80,
      grant: null,
      memberPriceDiscountPercent: 5,
    },
    free_shipping: {
      kind: 'free_shipping',
      name: '包邮券',
      description: '每月 1 张全场包邮券',
      faceValueFen: 800,
      grantsPerYear: 12,
      assumedUsagePercent: 50,
      grant: {
        period: 'month',
        coupons: [
          { name: '包邮券', kind: 'free_shipping', thresholdFen: 0, discountFen: 800, count: 1, validDays: 31 },
        ],
      },
    },
    exclusive_service: {
      kind: 'exclusive_service',
      name: '专属客服',
      description: '专属客服通道，优先响应',
      faceValueFen: 0,
      grantsPerYear: 0,
      assumedUsagePercent: 0,
      grant: null,
    },
  },
}
