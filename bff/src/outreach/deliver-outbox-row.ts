import type { EngagementSettings } from '@mc/shared'
import type { Kysely, Selectable, Updateable } from 'kysely'
import type { Database, OutboxTable } from '../db/schema'
import type { DeliveryOutcome, OutreachAdapters } from './outreach-adapters'
import { memberPrefs } from './notification-prefs'
import { releaseSubscription, spendSubscription } from './wechat-subscriptions'

/** A row the drain has moved to 'sending' (attempts already counts this try). */
export type ClaimedRow = Pick<
  Selectable<OutboxTable>,
  'id' | 'member_id' | 'channel' | 'template_id' | 'payload' | 'page' | 'attempts'
>
export type Settled = 'sent' | 'retried' | 'failed' | 'skipped'

/** After this many tries a transiently failing message is given up as failed (visible in the console). */
export const maxAttempts = 6

/** Wait before the next try after `attempts` tries: 1, 2, 4, 8, 16 minutes. */
export const backoffMs = (attempts: number) => 2 ** (attempts - 1) * 60_000

/** Moves a 'sending' row to where it ended; conditional, so a row already settled elsewhere is left as it is. */
async function settle(db: Kysely<Database>, id: string, change: Updateable<OutboxTable>): Promise<void> {
  await db.updateTable('outbox').set(change).where('id', '=', id).where('state', '=', 'sending').execute()
}

/**
 * Sends one claimed row through its channel's adapter and records how it ended. Nothing here throws for a
 * provider's failure: a thrown adapter error counts as a transient failure, so one bad message never stops the drain.
 */
export async function deliverRow(
  db: Kysely<Database>,
  adapters: OutreachAdapters,
  settings: EngagementSettings,
  row: ClaimedRow,
  now: Date,
): Promise<Settled> {
  const attempt = row.channel === 'wechat' ? sendWechat(db, adapters, row, now) : sendSms(db, adapters, settings, row)
  let outcome: DeliveryOutcome | { skipped: string }
  try {
    outcome = await attempt
  } catch (err) {
    outcome = { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) }
  }
  if ('skipped' in outcome) {
    await settle(db, row.id, { state: 'skipped', last_error: outcome.skipped })
    return 'skipped'
  }
  if (outcome.ok) {
    await settle(db, row.id, { state: 'sent', sent_at: now.toISOString(), last_error: null })
    return 'sent'
  }
  const error = outcome.error.slice(0, 300)
  if (!outcome.permanent && row.attempts < maxAttempts) {
    const next = new Date(now.getTime() + backoffMs(row.attempts)).toISOString()
    await settle(db, row.id, { state: 'pending', next_attempt_at: next, last_error: error })
    return 'retried'
  }
  if (row.channel === 'wechat') {
    // 43101: the member withdrew the subscription, so it is spent; any other refusal did not use it up.
    if (outcome.subscriptionSpent) await spentAsRefused(db, row.id)
    else await releaseSubscription(db, row.id)
  }
  await settle(db, row.id, { state: 'failed', last_error: error })
  return 'failed'
}

async function spentAsRefused(db: Kysely<Database>, outboxId: string): Promise<void> {
  await db
    .updateTable('wechat_subscriptions')
    .set({ spent_reason: 'refused' })
    .where('outbox_id', '=', outboxId)
    .execute()
}

async function sendWechat(
  db: Kysely<Database>,
  adapters: OutreachAdapters,
  row: ClaimedRow,
  now: Date,
): Promise<DeliveryOutcome | { skipped: string }> {
  if (!adapters.wechat) return { skipped: '渠道未配置' }
  const member = await db.selectFrom('members').select('openid').where('id', '=', row.member_id).executeTakeFirst()
  if (!member?.openid || !row.template_id) return { skipped: '无微信 openid' }
  // One subscription per message: a retry keeps the one its first try spent.
  const held = await db
    .selectFrom('wechat_subscriptions')
    .select('id')
    .where('outbox_id', '=', row.id)
    .executeTakeFirst()
  const spend = { memberId: row.member_id, templateId: row.template_id, outboxId: row.id, now }
  if (!held && !(await spendSubscription(db, spend))) return { skipped: '订阅已用完' }
  return adapters.wechat.send({
    openid: member.openid,
    templateId: row.template_id,
    // WeChat wants the page without the leading slash the app's routes carry.
    page: row.page ? row.page.replace(/^\//, '') : null,
    data: JSON.parse(row.payload ?? '{}'),
  })
}

async function sendSms(
  db: Kysely<Database>,
  adapters: OutreachAdapters,
  settings: EngagementSettings,
  row: ClaimedRow,
): Promise<DeliveryOutcome | { skipped: string }> {
  if (!adapters.sms) return { skipped: '渠道未配置' }
  if (!settings.sms.signName || !row.template_id) return { skipped: '短信签名未配置' }
  // Consent is asked again at send time: a 退订 reply between queueing and sending must win.
  const [member, prefs] = await Promise.all([
    db.selectFrom('members').select('phone').where('id', '=', row.member_id).executeTakeFirst(),
    memberPrefs(db, row.member_id),
  ])
  if (!prefs.smsConsent) return { skipped: '未同意短信或已退订' }
  if (!member?.phone) return { skipped: '无手机号' }
  return adapters.sms.send({
    phone: member.phone,
    signName: settings.sms.signName,
    templateCode: row.template_id,
    params: JSON.parse(row.payload ?? '{}'),
    outId: row.id,
  })
}
