import { z } from 'zod'
import { unknownPlaceholderIssue } from '../outreach/copy-placeholders'
import { MessageCategory } from '../outreach/outreach.schemas'

export { placeholdersIn, renderCopy } from '../outreach/copy-placeholders'

/** The built-in automation rules (journeys). Each is switched on, tuned and worded by the merchant. */
export const journeyKeys = [
  'upgrade',
  'near_next',
  'win_back',
  'retention_risk',
  'points_expiring',
  'birthday',
  'downgraded',
] as const
export const JourneyKey = z.enum(journeyKeys)
export type JourneyKey = z.infer<typeof JourneyKey>

export const journeyLabels: Record<JourneyKey, string> = {
  upgrade: '升级祝贺',
  near_next: '临近升级提醒',
  win_back: '沉睡会员唤回',
  retention_risk: '保级提醒',
  points_expiring: '积分到期提醒',
  birthday: '生日关怀',
  downgraded: '降级通知',
}

export const journeyCategories: Record<JourneyKey, MessageCategory> = {
  upgrade: 'tier',
  near_next: 'tier',
  win_back: 'offers',
  retention_risk: 'tier',
  points_expiring: 'points',
  birthday: 'care',
  downgraded: 'tier',
}

/** The page of the app that acts on each journey's message (the inbox links there). */
export const journeyPages: Record<JourneyKey, string> = {
  upgrade: '/membership/pages/tiers/index',
  near_next: '/pages/home/index',
  win_back: '/benefits/pages/list/index',
  retention_risk: '/membership/pages/tiers/index',
  points_expiring: '/points/pages/expiring/index',
  birthday: '/benefits/pages/list/index',
  downgraded: '/membership/pages/tiers/index',
}

/**
 * The placeholders each journey's copy may use; `{…}` names outside its list are refused when the copy is saved,
 * so a typo cannot reach a member as literal braces.
 */
export const journeyPlaceholders: Record<JourneyKey, readonly string[]> = {
  upgrade: ['会员昵称', '新等级', '新增权益', '有效期至'],
  near_next: ['会员昵称', '等级', '下一等级', '还差成长值', '最小行动'],
  win_back: ['会员昵称', '等级', '未下单天数', '优惠券', '券有效期至'],
  retention_risk: ['会员昵称', '等级', '到期日', '剩余天数', '还差成长值', '最小行动'],
  points_expiring: ['会员昵称', '到期积分', '到期日', '延期方式'],
  birthday: ['会员昵称', '等级', '生日礼'],
  downgraded: ['会员昵称', '原等级', '新等级', '失去权益', '回升条件'],
}

/**
 * What WeChat template fields and SMS params may use: the message's own title and body, and any journey's values
 * (a category's template serves every journey and campaign of that category, so it cannot know which one sends).
 */
export const channelPlaceholders: readonly string[] = [
  ...new Set(['标题', '内容', ...Object.values(journeyPlaceholders).flat()]),
]

/** A coupon an automation or a campaign gives (issued through the same coupon code as benefits). */
export const CouponOffer = z
  .strictObject({
    name: z.string().trim().min(1).max(16),
    thresholdFen: z.number().int().min(0).max(100_000_00),
    discountFen: z.number().int().min(1).max(100_000_00),
    validDays: z.number().int().min(1).max(365),
  })
  .refine((c) => c.thresholdFen === 0 || c.discountFen < c.thresholdFen, {
    path: ['discountFen'],
    message: '优惠金额必须小于使用门槛 / discount must be below the threshold',
  })
export type CouponOffer = z.infer<typeof CouponOffer>

/** Title and body of a message, with `{占位符}` placeholders. */
export const MessageCopy = z.strictObject({
  title: z.string().trim().min(1).max(20),
  body: z.string().trim().min(1).max(200),
})
export type MessageCopy = z.infer<typeof MessageCopy>

const base = {
  enabled: z.boolean(),
  /** Share of members (deterministic by member and rule) recorded as "would have been sent" and sent nothing. */
  holdoutPercent: z.number().int().min(0).max(50),
  copy: MessageCopy,
}

/** Each journey's settings; every field has a default, so a stored document missing one still parses. */
export const JourneySettings = z.strictObject({
  upgrade: z.strictObject({ ...base }),
  near_next: z.strictObject({
    ...base,
    /** Due when the growth still missing is at most this share of the next threshold… */
    withinSharePercent: z.number().int().min(1).max(50),
    /** …or at most the growth of one typical order (the member's median order), when this is on. */
    withinOneTypicalOrder: z.boolean(),
    /** At most one nudge per member in this many days. */
    cooldownDays: z.number().int().min(1).max(180),
  }),
  win_back: z.strictObject({
    ...base,
    /** Members of this tier or above; null for every tier. */
    minTierKey: z.string().min(1).max(32).nullable(),
    dormantDays: z.number().int().min(7).max(730),
    coupon: CouponOffer,
  }),
  retention_risk: z.strictObject({
    ...base,
    /** Days before the tier's validity ends at which a member whose retain condition is not met is told. */
    daysBefore: z.array(z.number().int().min(1).max(90)).min(1).max(4),
  }),
  points_expiring: z.strictObject({ ...base, daysAhead: z.number().int().min(1).max(60) }),
  birthday: z.strictObject({ ...base }),
  downgraded: z.strictObject({ ...base }),
})
export type JourneySettings = z.infer<typeof JourneySettings>

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式为 HH:MM / expected HH:MM' })

/** How one category is sent as a WeChat subscribe message: the template id and each data field's copy. */
export const WechatTemplateMapping = z.strictObject({
  templateId: z.string().trim().min(1).max(64),
  /** Template keyword → copy with placeholders, e.g. `{ thing1: '{标题}', time2: '{到期日}' }`. */
  fields: z.record(z.string().regex(/^[a-z_]+\d+$/), z.string().max(40)),
})
export type WechatTemplateMapping = z.infer<typeof WechatTemplateMapping>
export const SmsTemplateMapping = z.strictObject({
  templateCode: z.string().trim().min(1).max(32),
  /** Template variable → copy with placeholders. */
  params: z.record(z.string().regex(/^\w{1,20}$/), z.string().max(60)),
})
export type SmsTemplateMapping = z.infer<typeof SmsTemplateMapping>

/** Everything the merchant sets for engagement: the journeys, caps, quiet hours and channel templates. */
export const EngagementSettings = z
  .strictObject({
    journeys: JourneySettings,
    /** Messages per member per rolling 7 days across all journeys and campaigns (holdouts do not count). */
    frequencyCapPerWeek: z.number().int().min(1).max(21),
    /** In the business time zone: WeChat and SMS wait until `end`; the inbox is silent and is written at once. */
    quietHours: z.strictObject({ start: hhmm, end: hhmm }),
    wechat: z.strictObject({
      templates: z.partialRecord(MessageCategory, WechatTemplateMapping),
      perMinute: z.number().int().min(1).max(100_000),
    }),
    sms: z.strictObject({
      signName: z.string().trim().max(12).nullable(),
      templates: z.partialRecord(MessageCategory, SmsTemplateMapping),
      perMinute: z.number().int().min(1).max(100_000),
    }),
    /** Orders and spend are compared over this many days after each send. */
    resultDays: z.number().int().min(1).max(90),
  })
  .superRefine((settings, ctx) => {
    const issues = [
      ...journeyKeys.flatMap((key) =>
        (['title', 'body'] as const).map((part) =>
          unknownPlaceholderIssue(settings.journeys[key].copy[part], journeyPlaceholders[key], [
            'journeys',
            key,
            'copy',
            part,
          ]),
        ),
      ),
      ...Object.entries(settings.wechat.templates).flatMap(([category, mapping]) =>
        Object.entries(mapping?.fields ?? {}).map(([keyword, copy]) =>
          unknownPlaceholderIssue(copy, channelPlaceholders, ['wechat', 'templates', category, 'fields', keyword]),
        ),
      ),
      ...Object.entries(settings.sms.templates).flatMap(([category, mapping]) =>
        Object.entries(mapping?.params ?? {}).map(([name, copy]) =>
          unknownPlaceholderIssue(copy, channelPlaceholders, ['sms', 'templates', category, 'params', name]),
        ),
      ),
    ]
    for (const issue of issues) if (issue) ctx.addIssue(issue)
  })
  .meta({ id: 'EngagementSettings' })
export type EngagementSettings = z.infer<typeof EngagementSettings>

const holdout = 10
export const defaultEngagementSettings: EngagementSettings = {
  journeys: {
    upgrade: {
      enabled: true,
      holdoutPercent: holdout,
      copy: {
        title: '恭喜升级为{新等级}',
        body: '{会员昵称}，你已升级为{新等级}，新解锁：{新增权益}。等级有效期至{有效期至}。',
      },
    },
    near_next: {
      enabled: true,
      holdoutPercent: holdout,
      copy: { title: '离{下一等级}只差一点', body: '再得 {还差成长值} 成长值即可升级{下一等级}，{最小行动}。' },
      withinSharePercent: 20,
      withinOneTypicalOrder: true,
      cooldownDays: 14,
    },
    win_back: {
      enabled: true,
      holdoutPercent: holdout,
      copy: {
        title: '好久不见，送你一张券',
        body: '{会员昵称}，你已 {未下单天数} 天没来了，送你{优惠券}，{券有效期至}前有效。',
      },
      minTierKey: null,
      dormantDays: 30,
      coupon: { name: '满200减50', thresholdFen: 20000, discountFen: 5000, validDays: 14 },
    },
    retention_risk: {
      enabled: true,
      holdoutPercent: holdout,
      copy: {
        title: '{等级}将于{到期日}到期',
        body: '还有 {剩余天数} 天，再得 {还差成长值} 成长值即可保级：{最小行动}。',
      },
      daysBefore: [30, 7, 1],
    },
    points_expiring: {
      enabled: true,
      holdoutPercent: holdout,
      copy: {
        title: '{到期积分} 积分即将过期',
        body: '你有 {到期积分} 积分将于{到期日}过期，快去积分商城兑换吧。{延期方式}',
      },
      daysAhead: 7,
    },
    birthday: {
      enabled: true,
      holdoutPercent: holdout,
      copy: { title: '生日快乐', body: '{会员昵称}，祝你生日快乐！{等级}专属生日礼：{生日礼}，本月内可领取。' },
    },
    downgraded: {
      enabled: true,
      holdoutPercent: holdout,
      copy: {
        title: '会员等级调整为{新等级}',
        body: '你的等级由{原等级}调整为{新等级}，{失去权益}。{回升条件}即可回到{原等级}。',
      },
    },
  },
  frequencyCapPerWeek: 3,
  quietHours: { start: '21:00', end: '09:00' },
  wechat: { templates: {}, perMinute: 600 },
  sms: { signName: null, templates: {}, perMinute: 300 },
  resultDays: 30,
}
