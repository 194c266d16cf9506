import type { ProgramRules } from '../program-rules'

/**
 * 生鲜 (fresh food): small baskets (about ¥60) bought weekly or more, and habits that change quickly, so growth
 * counts for 180 days and tiers last 180 days: members feel their tier move within a season. Daily sign-in is
 * a real habit here and is rewarded; delivery cost is what customers care about, so free-delivery coupons are
 * the core benefit. Growth and points count on payment: refunds for damaged goods are small and reverse
 * proportionally. Points lapse 180 days after earning, in step with the window.
 */
export const freshTemplate: ProgramRules = {
  calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 0 },
  tiers: [
    {
      key: 'regular',
      name: '普通会员',
      threshold: 0,
      retainThreshold: 0,
      validityDays: 180,
      pointsMultiplierPercent: 100,
      color: '#8a8f99',
      benefits: ['birthday_gift'],
    },
    {
      key: 'silver',
      name: '银卡会员',
      threshold: 800,
      retainThreshold: 600,
      validityDays: 180,
      pointsMultiplierPercent: 120,
      color: '#5fa36b',
      benefits: ['birthday_gift', 'free_shipping', 'coupon_pack_monthly'],
    },
    {
      key: 'gold',
      name: '金卡会员',
      threshold: 3_000,
      retainThreshold: 2_400,
      validityDays: 180,
      pointsMultiplierPercent: 150,
      color: '#c9a227',
      benefits: ['birthday_gift', 'free_shipping', 'coupon_pack_monthly', 'member_price', 'exclusive_service'],
    },
  ],
  growth: {
    windowDays: 180,
    creditOn: 'paid',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 3, weightPercent: 100, dailyCap: 3 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 5, weightPercent: 100, dailyCap: 15 },
      profileCompleted: { base: 30, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 50, weightPercent: 100, dailyCap: null },
      task: { base: 5, weightPercent: 100, dailyCap: 30 },
    },
  },
  points: {
    creditOn: 'paid',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 5, weightPercent: 100, dailyCap: 5 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 5, weightPercent: 100, dailyCap: 15 },
      profileCompleted: { base: 50, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 50, weightPercent: 100, dailyCap: null },
      task: { base: 5, weightPercent: 100, dailyCap: 30 },
    },
    birthdayMonthMultiplierPercent: 200,
    expiry: { kind: 'days_after_earning', days: 180 },
    extension: { costPoints: 30, extendDays: 30 },
  },
  joinGift: { points: 50, growth: 0 },
  signIn: {
    cycleDays: 7,
    streakBonuses: [
      { day: 3, growth: 2, points: 10 },
      { day: 7, growth: 10, points: 50 },
    ],
    makeUp: { costPoints: 10, perMonth: 3 },
  },
  benefits: {
    birthday_gift: {
      kind: 'birthday_gift',
      name: '生日水果券',
      description: '生日当月领取 ¥15 水果券',
      faceValueFen: 1_500,
      grantsPerYear: 1,
      assumedUsagePercent: 65,
      grant: {
        period: 'birthday_month',
        coupons: [
          { name: '生日水果券', kind: 'cash_off', thresholdFen: 0, discountFen: 1500, count: 1, validDays: 31 },
        ],
      },
    },
    free_shipping: {
      kind: 'free_shipping',
      name: '免运费券',
      description: '每月 4 张免运费券',
      faceValueFen: 500,
      grantsPerYear: 52,
      assumedUsagePercent: 45,
      grant: {
        period: 'month',
        coupons: [
          { name: '免运费券', kind: 'free_shipping', thresholdFen: 0, discountFen: 500, count: 4, validDays: 31 },
        ],
      },
    },
    coupon_pack_monthly: {
      kind: 'coupon_pack',
      name: '每月领券',
      description: '每月 4 张满 59 减 5',
      faceValueFen: 500,
      grantsPerYear: 48,
      assumedUsagePercent: 30,
      grant: {
        period: 'month',
        coupons: [
          { name: '每月领券', kind: 'cash_off', thresholdFen: 5900, discountFen: 500, count: 4, validDays: 30 },
        ],
      },
    },
    member_price: {
      kind: 'member_price',
      name: '会员价',
      description: '每日会员特价商品',
      faceValueFen: 300,
      grantsPerYear: 52,
      assumedUsagePercent: 60,
      grant: null,
      memberPriceDiscountPercent: 5,
    },
    exclusive_service: {
      kind: 'exclusive_service',
      name: '优先配送',
      description: '高峰时段优先配送与专属客服',
      faceValueFen: 0,
      grantsPerYear: 0,
      assumedUsagePercent: 0,
      grant: null,
    },
  },
}
