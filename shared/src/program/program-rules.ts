import { z } from 'zod'
import { BenefitDefinition } from '../benefits/benefit-library'

// Messages are bilingual because the merchant console shows them as they are: Chinese first, English after.
const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what}必须是数字 / ${what} must be a number` })
    .int({ error: `${what}必须是整数 / must be a whole number` })
    .min(min, { error: `${what}不能小于 ${min} / must be at least ${min}` })
    .max(max, { error: `${what}不能大于 ${max} / must be at most ${max}` })

/** One way to earn: `base` per event (per yuan for orders), weighted, optionally capped per business day. */
export const EarningSource = z.strictObject({
  base: whole(0, 100_000, '基础值'),
  /** Percent applied to base: 20 means sign-in counts at 20%. Awarded = floor(base × weight / 100). */
  weightPercent: whole(0, 1000, '权重'),
  /** Most this source may award one member in one business day; null means no cap. */
  // Defaults to null because a JSON merge patch cannot write null (null removes a key), so "no cap" is saved as absent.
  dailyCap: whole(1, 10_000_000, '每日上限').nullable().default(null),
})
export type EarningSource = z.infer<typeof EarningSource>

export const growthSourceKinds = [
  'order',
  'signIn',
  'share',
  'review',
  'profileCompleted',
  'firstOrder',
  'task',
] as const
export type GrowthSourceKind = (typeof growthSourceKinds)[number]
export const pointsSourceKinds = [
  'order',
  'signIn',
  'share',
  'review',
  'profileCompleted',
  'firstOrder',
  'task',
] as const
export type PointsSourceKind = (typeof pointsSourceKinds)[number]

export const TierRule = z.strictObject({
  /** Stable key stored on members and ledger entries; the name may change, the key does not. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, {
    error: '等级标识只能用小写字母、数字和下划线 / key must be lower-case letters, digits or _',
  }),
  name: z
    .string()
    .trim()
    .min(1, { error: '等级名称不能为空 / name is required' })
    .max(16, { error: '等级名称最多 16 个字 / name is at most 16 characters' }),
  threshold: whole(0, 100_000_000, '升级门槛'),
  /** Counted growth needed at the end of validity to keep this tier (保级); at most the threshold. */
  retainThreshold: whole(0, 100_000_000, '保级门槛'),
  validityDays: whole(1, 3650, '有效期天数'),
  pointsMultiplierPercent: whole(100, 1000, '积分倍率'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: '颜色格式应为 #RRGGBB / colour must be #RRGGBB' }),
  /** Keys into the program's benefit library (`benefits` below). */
  benefits: z.array(z.string().min(1).max(64)).max(30),
})
export type TierRule = z.infer<typeof TierRule>

export const PointsExpiry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('days_after_earning'), days: whole(1, 3650, '积分有效天数') }),
  /** Common in China: points earned in 2026 lapse when 2027 ends. */
  z.strictObject({ kind: z.literal('end_of_following_year') }),
  z.strictObject({ kind: z.literal('never') }),
])
export type PointsExpiry = z.infer<typeof PointsExpiry>

const sourcesOf = (kinds: readonly string[]) =>
  z.strictObject(
    Object.fromEntries(kinds.map((kind) => [kind, EarningSource])) as Record<GrowthSourceKind, typeof EarningSource>,
  )

export const ProgramRules = z
  .strictObject({
    calendar: z.strictObject({
      timeZone: z.string().refine(isTimeZone, { error: '未知的时区 / unknown time zone' }),
      dayStartMinute: whole(0, 1439, '营业日开始时间(分钟)'),
    }),
    tiers: z
      .array(TierRule)
      .min(3, { error: '至少需要 3 个等级 / at least 3 tiers' })
      .max(5, { error: '最多 5 个等级 / at most 5 tiers' }),
    growth: z.strictObject({
      /** Growth earned within this many days counts toward the tier. */
      windowDays: whole(30, 1095, '成长值统计窗口'),
      /** 'completed' keeps order growth pending until the order completes, so returns cannot game an upgrade. */
      creditOn: z.enum(['paid', 'completed']),
      sources: sourcesOf(growthSourceKinds),
    }),
    points: z.strictObject({
      creditOn: z.enum(['paid', 'completed']),
      sources: sourcesOf(pointsSourceKinds),
      birthdayMonthMultiplierPercent: whole(100, 1000, '生日月积分倍率'),
      expiry: PointsExpiry,
      /** Spend `costPoints` to push an expiring lot back `extendDays`; null turns extension off. */
      extension: z
        .strictObject({ costPoints: whole(1, 100_000, '延期消耗积分'), extendDays: whole(1, 365, '延期天数') })
        .nullable()
        .default(null),
    }),
    /** Daily sign-in: rewards come from growth.sources.signIn and points.sources.signIn; these add streaks. */
    signIn: z.strictObject({
      /** A streak counts days 1..cycleDays, then starts a new cycle. */
      cycleDays: whole(2, 31, '签到周期天数'),
      /** Extra rewards on given days of the cycle, e.g. day 3 and day 7. */
      streakBonuses: z
        .array(
          z.strictObject({
            day: whole(1, 31, '奖励天数'),
            growth: whole(0, 10_000, '奖励成长值'),
            points: whole(0, 100_000, '奖励积分'),
          }),
        )
        .max(10),
      /** Make-up sign-in (补签) for a missed day of the current month; null turns it off. */
      makeUp: z
        .strictObject({ costPoints: whole(0, 100_000, '补签消耗积分'), perMonth: whole(1, 31, '每月补签次数') })
        .nullable()
        .default(null),
    }),
    /** What a new member receives on joining (新会员礼); null gives nothing. */
    joinGift: z
      .strictObject({ points: whole(0, 100_000, '入会赠送积分'), growth: whole(0, 100_000, '入会赠送成长值') })
      .nullable()
      .default(null),
    /** The benefit library; tiers list keys into it. */
    benefits: z.record(
      z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, {
        error: '权益标识只能用小写字母、数字和下划线 / benefit key must be lower-case letters, digits or _',
      }),
      BenefitDefinition,
    ),
  })
  .superRefine((rules, ctx) => {
    rules.tiers.forEach((tier, i) => {
      if (i === 0 && tier.threshold !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 0, 'threshold'],
          message: '第一个等级的门槛必须为 0 / the first tier must start at 0',
        })
      }
      if (i > 0 && tier.threshold <= rules.tiers[i - 1].threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'threshold'],
          message: '等级门槛必须逐级升高 / thresholds must ascend',
        })
      }
      if (tier.retainThreshold > tier.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'retainThreshold'],
          message: '保级门槛不能高于升级门槛 / retain threshold must not exceed the threshold',
        })
      }
      rules.signIn.streakBonuses.forEach((bonus, b) => {
        if (i === 0 && bonus.day > rules.signIn.cycleDays) {
          ctx.addIssue({
            code: 'custom',
            path: ['signIn', 'streakBonuses', b, 'day'],
            message: '奖励天数不能超过签到周期 / bonus day must be within the cycle',
          })
        }
      })
      tier.benefits.forEach((key, b) => {
        if (!(key in rules.benefits)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, 'benefits', b],
            message: `权益库中没有 ${key} / no benefit ${key} in the library`,
          })
        }
      })
      if (rules.tiers.findIndex((other) => other.key === tier.key) !== i) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'key'], message: '等级标识重复 / duplicate tier key' })
      }
    })
  })
export type ProgramRules = z.infer<typeof ProgramRules>

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
