import { z } from 'zod'
import { pageCursor, pageLimit } from '../api/page-query'

/** Where a message goes: the inbox always; a WeChat one-time subscribe message or an SMS when possible. */
export const channels = ['inbox', 'wechat', 'sms'] as const
export const Channel = z.enum(channels)
export type Channel = z.infer<typeof Channel>
export const channelLabels: Record<Channel, string> = { inbox: '站内信', wechat: '微信订阅消息', sms: '短信' }

/**
 * What a message is about. Members mute categories (muting stops WeChat and SMS, the inbox still keeps the
 * message), and the merchant maps each category to one WeChat template and one SMS template.
 */
export const messageCategories = ['tier', 'points', 'offers', 'care'] as const
export const MessageCategory = z.enum(messageCategories)
export type MessageCategory = z.infer<typeof MessageCategory>
export const messageCategoryLabels: Record<MessageCategory, string> = {
  tier: '等级变化与保级提醒',
  points: '积分到期提醒',
  offers: '优惠券与活动',
  care: '生日关怀',
}

/** GET/PUT /api/me/notification-settings. */
export const NotificationSettings = z.strictObject({
  mutedCategories: z.array(MessageCategory).max(messageCategories.length),
  /** The member agreed to get SMS; false after a 退订 reply or turning it off here. */
  smsConsent: z.boolean(),
})
export type NotificationSettings = z.infer<typeof NotificationSettings>
export const NotificationSettingsView = NotificationSettings.extend({
  /** The member has a phone on file; without one SMS consent cannot be turned on. */
  hasPhone: z.boolean(),
  /** When a 退订 reply turned SMS off, so the page can say why. */
  smsOptedOutAt: z.string().nullable(),
}).meta({ id: 'NotificationSettingsView' })
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>

/** The natural taps at which the app may ask for subscriptions (WeChat allows the prompt only after a tap). */
export const subscribeMoments = ['sign_in', 'redemption', 'payment', 'join', 'points_expiring'] as const
export const SubscribeMoment = z.enum(subscribeMoments)
export type SubscribeMoment = z.infer<typeof SubscribeMoment>

/** GET /api/me/subscriptions/prompt?moment=… : at most 3 template ids to pass to `requestSubscribeMessage`. */
export const SubscribePromptQuery = z.strictObject({ moment: SubscribeMoment })
export const SubscribePrompt = z
  .strictObject({
    templates: z
      .array(
        z.strictObject({
          templateId: z.string(),
          category: MessageCategory,
          label: z.string(),
          /**
           * The member kept "accept" for it ("总是保持以上选择"): WeChat grants a new one-time subscription at each
           * prompt without showing anything, so it is still asked for, and the H5 stand-in accepts it silently too.
           */
          keptAccept: z.boolean(),
        }),
      )
      .max(3),
  })
  .meta({ id: 'SubscribePrompt' })
export type SubscribePrompt = z.infer<typeof SubscribePrompt>

/** WeChat's per-template answer of `requestSubscribeMessage`. */
export const SubscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter'])
/** POST /api/me/subscriptions: what `requestSubscribeMessage` answered, and whether "总是保持以上选择" was ticked. */
export const SubscribeResultBody = z.strictObject({
  moment: SubscribeMoment,
  results: z.record(z.string().min(1).max(64), SubscribeAnswer),
  keepChoice: z.boolean().default(false),
})
export type SubscribeResultBody = z.infer<typeof SubscribeResultBody>
export const SubscribeResult = z
  .strictObject({
    /** One-time subscriptions recorded by this answer (one per accepted template). */
    accepted: z.number().int(),
    /** Unused one-time subscriptions the member now holds per template id. */
    available: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'SubscribeResult' })
export type SubscribeResult = z.infer<typeof SubscribeResult>

export const outboxStates = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const
export const OutboxState = z.enum(outboxStates)
export type OutboxState = z.infer<typeof OutboxState>

/** One outbox row as the console shows it (failed messages, with retry). */
export const OutboxMessageView = z
  .strictObject({
    id: z.string(),
    memberId: z.string(),
    channel: Channel,
    category: MessageCategory,
    title: z.string(),
    state: OutboxState,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    /** Where it came from: a journey key or a campaign id. */
    sourceType: z.enum(['journey', 'campaign']),
    sourceId: z.string(),
  })
  .meta({ id: 'OutboxMessageView' })
export type OutboxMessageView = z.infer<typeof OutboxMessageView>

export const OutboxQuery = z.strictObject({
  state: OutboxState.default('failed'),
  channel: Channel.optional(),
  cursor: pageCursor('obx'),
  limit: pageLimit(100, 50),
})
export type OutboxQuery = z.infer<typeof OutboxQuery>

/** GET /api/admin/outbox: one page, newest first, and the cursor of the next (null on the last page). */
export const OutboxPage = z
  .strictObject({ messages: z.array(OutboxMessageView), nextCursor: z.string().nullable() })
  .meta({ id: 'OutboxPage' })
export type OutboxPage = z.infer<typeof OutboxPage>

export const OutboxIdParam = z.strictObject({ id: z.string().min(1).max(64) })

/** One reply of Alibaba Cloud's SmsUp HTTP push (a JSON array of these); fields beyond these are ignored. */
export const SmsUpReply = z.looseObject({
  phone_number: z.string().max(32),
  content: z.string().max(1000),
  send_time: z.string().max(32).optional(),
  sign_name: z.string().max(64).optional(),
  dest_code: z.string().max(32).optional(),
  sequence_id: z.union([z.string().max(32), z.number()]).optional(),
})
export const SmsUpPush = z.array(SmsUpReply).max(1000)
export const SmsInboundQuery = z.strictObject({ token: z.string().max(200).optional() })
/** What SmsUp expects back: any numeric code with HTTP 200 counts as received. */
export const SmsUpAnswer = z.strictObject({ code: z.number().int(), msg: z.string() }).meta({ id: 'SmsUpAnswer' })

/** Per channel: queued, sent, failed and skipped counts; per WeChat template, members reachable now. */
export const OutreachStatus = z
  .strictObject({
    channels: z.array(
      z.strictObject({
        channel: Channel,
        configured: z.boolean(),
        pending: z.number().int(),
        sent: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int(),
      }),
    ),
    templates: z.array(
      z.strictObject({
        category: MessageCategory,
        templateId: z.string(),
        /** Members holding at least one unused one-time subscription to it: the budget a journey can spend. */
        reachableMembers: z.number().int(),
        unusedSubscriptions: z.number().int(),
      }),
    ),
    smsConsentedMembers: z.number().int(),
  })
  .meta({ id: 'OutreachStatus' })
export type OutreachStatus = z.infer<typeof OutreachStatus>
