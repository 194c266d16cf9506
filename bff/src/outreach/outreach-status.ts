import { channels, type EngagementSettings, type MessageCategory, type OutreachStatus } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { OutreachAdapters } from './outreach-adapters'

/**
 * The console's view of the channels: whether each can send, how many messages wait, went out, failed or were
 * skipped, and per WeChat template the subscription budget (members who can be reached by it now).
 */
export async function outreachStatus(
  db: Kysely<Database>,
  adapters: OutreachAdapters,
  settings: EngagementSettings,
): Promise<OutreachStatus> {
  const counts = await db
    .selectFrom('outbox')
    .select(['channel', 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['channel', 'state'])
    .execute()
  const count = (channel: string, states: string[]) =>
    counts.filter((c) => c.channel === channel && states.includes(c.state)).reduce((sum, c) => sum + Number(c.n), 0)
  const configured = {
    inbox: true,
    wechat: adapters.wechat !== null && Object.keys(settings.wechat.templates).length > 0,
    sms: adapters.sms !== null && settings.sms.signName !== null && Object.keys(settings.sms.templates).length > 0,
  }
  const templates: OutreachStatus['templates'] = []
  for (const [category, mapping] of Object.entries(settings.wechat.templates)) {
    if (!mapping) continue
    const budget = await db
      .selectFrom('wechat_subscriptions')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('unused'),
        eb.fn.count<number | string>('member_id').distinct().as('members'),
      ])
      .where('template_id', '=', mapping.templateId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow()
    templates.push({
      category: category as MessageCategory,
      templateId: mapping.templateId,
      reachableMembers: Number(budget.members),
      unusedSubscriptions: Number(budget.unused),
    })
  }
  const consented = await db
    .selectFrom('member_notification_prefs')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sms_consent_at', 'is not', null)
    .where('sms_opted_out_at', 'is', null)
    .executeTakeFirstOrThrow()
  return {
    channels: channels.map((channel) => ({
      channel,
      configured: configured[channel],
      pending: count(channel, ['pending', 'sending']),
      sent: count(channel, ['sent']),
      failed: count(channel, ['failed']),
      skipped: count(channel, ['skipped']),
    })),
    templates,
    smsConsentedMembers: Number(consented.n),
  }
}
