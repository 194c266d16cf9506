import { defaultEngagementSettings, newId, type EngagementSettings, type MessageCategory } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { decideSend } from './decide-send'
import { enqueueMessage } from './enqueue-message'
import type { DeliveryOutcome, SmsSender, WechatSubscribeSender } from './outreach-adapters'

let phoneSeq = 0

/** A member row straight in the table, with a WeChat openid and/or a phone (a phone when neither is asked for). */
export async function insertMember(
  db: Kysely<Database>,
  options: { openid?: boolean; phone?: boolean; now?: Date } = {},
): Promise<{ id: string; openid: string | null; phone: string | null }> {
  const now = options.now ?? new Date('2026-12-01T00:00:00Z')
  const id = newId('mbr', now.getTime())
  phoneSeq += 1
  const member = {
    id,
    openid: options.openid ? `openid-${id}` : null,
    phone:
      options.phone || !options.openid
        ? `139${String(Date.now() % 100_000).padStart(5, '0')}${String(phoneSeq).padStart(3, '0')}`
        : null,
  }
  await db
    .insertInto('members')
    .values({
      ...member,
      unionid: null,
      nickname: '测试会员',
      joined_at: now.toISOString(),
      source_outlet_id: null,
      source_channel: null,
      birthday: null,
      created_at: now.toISOString(),
    })
    .execute()
  return member
}

/** Default settings with WeChat and SMS templates for every category and no holdouts, then `change` applied. */
export function channelSettings(change: (s: EngagementSettings) => void = () => {}): EngagementSettings {
  const s: EngagementSettings = structuredClone(defaultEngagementSettings)
  for (const key of Object.keys(s.journeys) as (keyof EngagementSettings['journeys'])[])
    s.journeys[key].holdoutPercent = 0
  s.quietHours = { start: '00:00', end: '00:00' }
  for (const category of ['tier', 'points', 'offers', 'care'] as const) {
    s.wechat.templates[category] = { templateId: `tpl-${category}`, fields: { thing1: '{标题}', thing2: '{内容}' } }
    s.sms.templates[category] = { templateCode: `SMS_${category}`, params: { title: '{标题}' } }
  }
  s.sms.signName = '会员中心'
  change(s)
  return s
}

/**
 * The outreach ports as a test drives them: every call is recorded, and each answer comes from `answer`, which a
 * test swaps to make the provider succeed, fail for a while, refuse, or throw.
 */
export function recordingSender() {
  const calls: { to: string; templateId: string; data: Record<string, string>; page: string | null }[] = []
  const sender = {
    calls,
    answer: (): Promise<DeliveryOutcome> | DeliveryOutcome => ({ ok: true, providerId: `p${calls.length}` }),
  }
  const wechat: WechatSubscribeSender = {
    send: async (m) => {
      calls.push({ to: m.openid, templateId: m.templateId, data: m.data, page: m.page })
      return sender.answer()
    },
  }
  const sms: SmsSender = {
    send: async (m) => {
      calls.push({ to: m.phone, templateId: m.templateCode, data: m.params, page: null })
      return sender.answer()
    },
  }
  return { sender, wechat, sms }
}

/** One campaign message decided and enqueued for a member, as a campaign batch would (no holdout); its channels. */
export async function queueCampaignMessage(
  db: Kysely<Database>,
  input: {
    campaignId: string
    memberId: string
    period: string
    category: MessageCategory
    title: string
    body: string
    page: string | null
    settings: EngagementSettings
    now: Date
  },
) {
  const { campaignId, memberId, period, settings, now } = input
  return db.transaction().execute(async (trx) => {
    const d = await decideSend(trx, {
      sourceType: 'campaign',
      sourceId: campaignId,
      memberId,
      period,
      holdoutPercent: 0,
      variants: 1,
      settings,
      now,
      businessDay: '2026-12-04',
    })
    if (!d) throw new Error('no decision')
    const { category, title, body, page } = input
    return enqueueMessage(trx, { sendId: d.sendId, memberId, category, title, body, page, values: {}, settings, now })
  })
}
