import type { ProgramRules } from '../program-rules'

/**
 * 3C 数码 (electronics): large baskets (¥1,500–8,000) bought once or twice a year, on a replacement cycle of
 * about two years. A one-year window would drop nearly everyone back every year, so growth counts for 730
 * days and tiers last 730 days. Thresholds sit at one phone (银卡), two to three devices (金卡) and a household
 * that buys everything here (钻石). Growth and points wait for completion because of the 7-day no-reason
 * return. Benefits that matter in the trade: extended warranty, trade-in, a technical advisor, launch access.
 */
export const electronicsTemplate: ProgramRules = {
  calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 0 },
  tiers: [
    {
      key: 'regular',
      name: '普通会员',
      threshold: 0,
      retainThreshold: 0,
      validityDays: 730,
      pointsMultiplierPercent: 100,
      color: '#8a8f99',
      benefits: ['birthday_gift'],
    },
    {
      key: 'silver',
      name: '银卡会员',
      threshold: 3_000,
      retainThreshold: 2_400,
      validityDays: 730,
      pointsMultiplierPercent: 110,
      color: '#7d8ea3',
      benefits: ['birthday_gift', 'free_shipping', 'annual_gift'],
    },
    {
      key: 'gold',
      name: '金卡会员',
      threshold: 10_000,
      retainThreshold: 8_000,
      validityDays: 730,
      pointsMultiplierPercent: 125,
      color: '#c9a227',
      benefits: ['birthday_gift', 'free_shipping', 'annual_gift', 'early_access'],
    },
    {
      key: 'diamond',
      name: '钻石会员',
      threshold: 30_000,
      retainThreshold: 24_000,
      validityDays: 730,
      pointsMultiplierPercent: 150,
      color: '#3a6df0',
      benefits: ['birthday_gift', 'free_shipping', 'annual_gift', 'early_access', 'exclusive_service'],
    },
  ],
  growth: {
    windowDays: 730,
    creditOn: 'completed',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 2, weightPercent: 50, dailyCap: 1 },
      share: { base: 10, weightPercent: 100, dailyCap: 20 },
      review: { base: 50, weightPercent: 100, dailyCap: 100 },
      profileCompleted: { base: 100, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 200, weightPercent: 100, dailyCap: null },
      task: { base: 20, weightPercent: 100, dailyCap: 100 },
    },
  },
  points: {
    creditOn: 'completed',
    sources: {
      order: { base: 1, weightPercent: 100, dailyCap: null },
      signIn: { base: 2, weightPercent: 100, dailyCap: 2 },
      share: { base: 10, weightPercent: 100, dailyCap: 20 },
      review: { base: 50, weightPercent: 100, dailyCap: 100 },
      profileCompleted: { base: 200, weightPercent: 100, dailyCap: null },
      firstOrder: { base: 300, weightPercent: 100, dailyCap: null },
      task: { base: 20, weightPercent: 100, dailyCap: 100 },
    },
    birthdayMonthMultiplierPercent: 150,
    expiry: { kind: 'days_after_earning', days: 730 },
    extension: null,
  },
  joinGift: { points: 300, growth: 0 },
  signIn: { cycleDays: 7, streakBonuses: [{ day: 7, growth: 5, points: 30 }], makeUp: null },
  benefits: {
    birthday_gift: {
      kind: 'birthday_gift',
      name: '生日配件券',
      description: '生日当月配件满 200 减 50',
      faceValueFen: 5_000,
      grantsPerYear: 1,
      assumedUsagePercent: 30,
      grant: {
        period: 'birthday_month',
        coupons: [
          { name: '生日配件券', kind: 'cash_off', thresholdFen: 0, discountFen: 5000, count: 1, validDays: 31 },
        ],
      },
    },
    free_shipping: {
      kind: 'free_shipping',
      name: '顺丰包邮',
      description: '全场顺丰包邮',
      faceValueFen: 2_000,
      grantsPerYear: 2,
      assumedUsagePercent: 90,
      grant: {
        period: 'month',
        coupons: [
          { name: '顺丰包邮', kind: 'free_shipping', thresholdFen: 0, discountFen: 2000, count: 1, validDays: 31 },
        ],
      },
    },
    annual_gift: {
      kind: 'annual_gift',
      name: '延保一年',
      description: '每年 1 次免费延长保修 1 年',
      faceValueFen: 15_000,
      grantsPerYear: 1,
      assumedUsagePercent: 40,
      grant: {
        period: 'year',
        coupons: [
          { name: '延保一年', kind: 'cash_off', thresholdFen: 0, discountFen: 15000, count: 1, validDays: 365 },
        ],
      },
    },
    early_access: {
      kind: 'early_access',
      name: '新品首发优先购',
      description: '新品首发提前预约，优先发货',
      faceValueFen: 0,
      grantsPerYear: 0,
      assumedUsagePercent: 0,
      grant: null,
    },
    exclusive_service: {
      kind: 'exclusive_service',
      name: '专属技术顾问',
      description: '以旧换新评估与上门设置',
      faceValueFen: 0,
      grantsPerYear: 0,
      assumedUsagePercent: 0,
      grant: null,
    },
  },
}
