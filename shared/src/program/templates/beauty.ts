import type { ProgramRules } from '../program-rules'

/**
 * 美妆 (beauty): baskets around ¥250 and a repurchase every one to two months as products run out, so a
 * one-year window fits. Birthdays are the trade's biggest loyalty moment: triple points in the birthday month
 * and a full-size gift for higher tiers. Growth counts on payment (returns of opened cosmetics are rare);
 * points wait for completion. Samples and early trials of new launches are cheap to give and much loved.
 */
export const beautyTemplate: ProgramRules = {
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
      name: '银卡会员',
      threshold: 800,
      retainThreshold: 640,
      validityDays: 365,
      pointsMultiplierPercent: 120,
      color: '#b48aa8',
      benefits: ['birthday_gift', 'coupon_pack_monthly', 'free_shipping'],
    },
    {
      key: 'gold',
      name: '金卡会员',
      threshold: 2_500,
      retainThreshold: 2_000,
      validityDays: 365,
      pointsMultiplierPercent: 150,
      color: '#c9a227',
      benefits: ['birthday_gift', 'coupon_pack_monthly', 'free_shipping', 'member_price', 'early_access'],
    },
    {
      key: 'diamond',
      name: '钻石会员',
      threshold: 6_000,
      retainThreshold: 4_800,
      validityDays: 365,
      pointsMultiplierPercent: 200,
      color: '#7a3e9d',
      benefits: [
        'birthday_gift',
        'coupon_pack_monthly',
        'free_shipping',
        'member_price',
        'early_access',
        'exclusive_service',
      ],
    },
  ],
  growth: {
    windowDays: 365,
    creditOn: 'paid',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 2, weightPercent: 100, dailyCap: 2 },
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
      signIn: { base: 5, weightPercent: 100, dailyCap: 5 },
      share: { base: 5, weightPercent: 100, dailyCap: 10 },
      review: { base: 20, weightPercent: 100, dailyCap: 40 },
      profileCompleted: { base: 100, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 100, weightPercent: 100, dailyCap: null },
      task: { base: 10, weightPercent: 100, dailyCap: 50 },
    },
    birthdayMonthMultiplierPercent: 300,
    expiry: { kind: 'end_of_following_year' },
    extension: { costPoints: 50, extendDays: 30 },
  },
  joinGift: { points: 200, growth: 0 },
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
      name: '生日礼盒',
      description: '生日当月领取明星单品小样礼盒',
      faceValueFen: 8_000,
      grantsPerYear: 1,
      assumedUsagePercent: 55,
      grant: {
        period: 'birthday_month',
        coupons: [{ name: '生日礼盒', kind: 'cash_off', thresholdFen: 0, discountFen: 8000, count: 1, validDays: 31 }],
      },
    },
    coupon_pack_monthly: {
      kind: 'coupon_pack',
      name: '每月领券',
      description: '每月 2 张满 200 减 20',
      faceValueFen: 2_000,
      grantsPerYear: 24,
      assumedUsagePercent: 25,
      grant: {
        period: 'month',
        coupons: [
          { name: '每月领券', kind: 'cash_off', thresholdFen: 20000, discountFen: 2000, count: 2, validDays: 30 },
        ],
      },
    },
    free_shipping: {
      kind: 'free_shipping',
      name: '全场包邮',
      description: '每单包邮',
      faceValueFen: 800,
      grantsPerYear: 8,
      assumedUsagePercent: 80,
      grant: {
        period: 'month',
        coupons: [
          { name: '全场包邮', kind: 'free_shipping', thresholdFen: 0, discountFen: 800, count: 1, validDays: 31 },
        ],
      },
    },
    member_price: {
      kind: 'member_price',
      name: '会员 95 折',
      description: '正价商品 95 折',
      faceValueFen: 1_250,
      grantsPerYear: 8,
      assumedUsagePercent: 75,
      grant: null,
      memberPriceDiscountPercent: 5,
    },
    early_access: {
      kind: 'early_access',
      name: '新品试用',
      description: '新品上市前申领试用装',
      faceValueFen: 3_000,
      grantsPerYear: 4,
      assumedUsagePercent: 30,
      grant: null,
    },
    exclusive_service: {
      kind: 'exclusive_service',
      name: '专属美容顾问',
      description: '肤质测试与一对一护肤建议',
      faceValueFen: 0,
      grantsPerYear: 0,
      assumedUsagePercent: 0,
      grant: null,
    },
  },
}
