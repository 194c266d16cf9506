import {
  newId,
  quietHoursRelease,
  renderSmsParams,
  renderWechatData,
  type BusinessCalendar,
  type Channel,
  type EngagementSettings,
  type MessageCategory,
} from '@mc/shared'
import type { Insertable, Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import { readInChunks } from '../db/in-chunks'
import type { Database, OutboxTable } from '../db/schema'
import { notifyMany, type NotificationInput } from '../inbox/notify'
import { publishedProgram } from '../program/published-program'
import { prefsFromRow, type MemberPrefs } from './notification-prefs'
import { freeSubscriptions, subscriptionKey } from './wechat-subscriptions'

/** A message decided `sent` by `decideSend`, ready to go out on every channel the member can get it on. */
export interface MessageInput {
  sendId: string
  memberId: string
  category: MessageCategory
  title: string
  body: string
  /** The app page that acts on the message (inbox deep link and WeChat card target); null for none. */
  page: string | null
  /** Placeholder values, used to render WeChat fields and SMS params (`{标题}` and `{内容}` are added here). */
  values: Record<string, string>
  settings: EngagementSettings
  now: Date
  /** The business calendar for quiet hours; read from the published program when not given. */
  calendar?: BusinessCalendar
  /** The send as its decider just recorded it, when at hand (a journey's), so it is not read back. */
  send?: SendFacts
}

type SendFacts = { source_type: 'journey' | 'campaign'; source_id: string; dedupe_key: string }

/** Every column spelled out, so all rows of a batch share one column list (bulkInsert's rule). */
type Row = Required<Insertable<OutboxTable>>
type Base = Omit<
  Row,
  'id' | 'channel' | 'state' | 'template_id' | 'payload' | 'next_attempt_at' | 'last_error' | 'sent_at'
>
type Unsent = Omit<Row, 'sent_at'>

/** What the rules read about a batch's members, each read once for the whole batch. */
interface BatchFacts {
  sends: Map<string, SendFacts>
  members: Map<string, { openid: string | null; phone: string | null }>
  prefs: Map<string, MemberPrefs>
  /** Free one-time subscriptions per `subscriptionKey`, counted down as this batch queues WeChat messages. */
  free: Map<string, number>
  calendar: BusinessCalendar | undefined
  /** Quiet hours' release instant per (instant, quiet hours, zone): a batch decided at one instant asks once. */
  releases: Map<string, string>
}

/**
 * `enqueueMessage` for many messages (sends decided `sent`) in a handful of statements however many there are: one
 * read each of the sends, members, notification preferences and free subscriptions (per thousand members), then
 * one multi-row insert of notifications and one of outbox rows per thousand. The rules are enqueueMessage's, applied
 * to the inputs in order, so the rows are those the same calls one by one would write: a member's second message in
 * the batch finds the subscription the first one claimed already spoken for. Returns each input's channels.
 */
export async function enqueueMessages(
  trx: Transaction<Database>,
  inputs: readonly MessageInput[],
): Promise<{ channels: Channel[] }[]> {
  if (inputs.length === 0) return []
  const facts = await readFacts(trx, inputs)
  const notes: NotificationInput[] = []
  const outbox: Row[] = []
  const results = inputs.map((input) => {
    const send = facts.sends.get(input.sendId)
    if (!send) throw new Error(`enqueueMessages: no send ${input.sendId}`)
    const { memberId, now } = input
    const title = input.title.slice(0, 64)
    const body = input.body.slice(0, 500)
    const kind = send.source_type === 'journey' ? send.source_id : 'campaign'
    notes.push({ memberId, kind, title, body, dedupeKey: send.dedupe_key, page: input.page, now })
    const at = now.toISOString()
    const base: Base = {
      send_id: input.sendId,
      member_id: memberId,
      category: input.category,
      title,
      body,
      page: input.page,
      attempts: 0,
      created_at: at,
    }
    const inbox: Row = {
      ...base,
      id: outboxId(now),
      channel: 'inbox',
      state: 'sent',
      template_id: null,
      payload: null,
      next_attempt_at: null,
      last_error: null,
      sent_at: at,
    }
    const push = pushRows(input, base, facts).map((row): Row => ({ ...row, sent_at: null }))
    outbox.push(inbox, ...push)
    return { channels: ['inbox', ...push.filter((r) => r.state === 'pending').map((r) => r.channel)] as Channel[] }
  })
  await notifyMany(trx, notes)
  await bulkInsert(trx, 'outbox', outbox)
  return results
}

const outboxId = (now: Date) => newId('obx', now.getTime())

async function readFacts(trx: Transaction<Database>, inputs: readonly MessageInput[]): Promise<BatchFacts> {
  const sendIds = [...new Set(inputs.map((i) => i.sendId))]
  const memberIds = [...new Set(inputs.map((i) => i.memberId))]
  const known = new Map(inputs.flatMap((i) => (i.send ? [[i.sendId, { id: i.sendId, ...i.send }] as const] : [])))
  const sends = await readInChunks(
    sendIds.filter((id) => !known.has(id)),
    (ids) =>
      trx
        .selectFrom('engagement_sends')
        .select(['id', 'source_type', 'source_id', 'dedupe_key'])
        .where('id', 'in', ids)
        .execute(),
  )
  // Each member's channels and their notification choices (a row only once they chose), in one read.
  const members = await readInChunks(memberIds, (ids) =>
    trx
      .selectFrom('members as m')
      .leftJoin('member_notification_prefs as p', 'p.member_id', 'm.id')
      .select(['m.id', 'm.openid', 'm.phone', 'p.muted_categories', 'p.sms_consent_at', 'p.sms_opted_out_at'])
      .where('m.id', 'in', ids)
      .execute(),
  )
  const memberOf = new Map(members.map((m) => [m.id, { openid: m.openid, phone: m.phone }]))
  // Only members with an openid can get WeChat, and only for categories that have a template.
  const wechatHolders: string[] = []
  const templateIds: string[] = []
  for (const input of inputs) {
    const template = input.settings.wechat.templates[input.category]
    if (!template || !memberOf.get(input.memberId)?.openid) continue
    wechatHolders.push(input.memberId)
    templateIds.push(template.templateId)
  }
  const needsCalendar = inputs.some((i) => !i.calendar)
  return {
    sends: new Map([...known, ...sends.map((send) => [send.id, send] as const)]),
    members: memberOf,
    prefs: new Map(
      members.map(({ id, muted_categories, sms_consent_at, sms_opted_out_at }) => [
        id,
        prefsFromRow(muted_categories === null ? undefined : { muted_categories, sms_consent_at, sms_opted_out_at }),
      ]),
    ),
    free: await freeSubscriptions(trx, [...new Set(wechatHolders)], templateIds),
    calendar: needsCalendar ? (await publishedProgram(trx)).rules.calendar : undefined,
    releases: new Map(),
  }
}

/** The WeChat or SMS rows for a message: at most one pending, plus 'skipped' rows for unconfigured templates. */
function pushRows(input: MessageInput, base: Base, facts: BatchFacts): Unsent[] {
  const { memberId, category, settings, now } = input
  const member = facts.members.get(memberId)
  if (!member) throw new Error(`enqueueMessages: no member ${memberId}`)
  const prefs = facts.prefs.get(memberId) ?? prefsFromRow(undefined)
  if (prefs.mutedCategories.includes(category)) return []
  const values = { ...input.values, 标题: input.title, 内容: input.body }
  const calendar = input.calendar ?? (facts.calendar as BusinessCalendar)
  const { start, end } = settings.quietHours
  const releaseKey = `${now.getTime()} ${start} ${end} ${calendar.timeZone}`
  let due = facts.releases.get(releaseKey)
  if (due === undefined) {
    due = quietHoursRelease(now, settings.quietHours, calendar).toISOString()
    facts.releases.set(releaseKey, due)
  }
  const skipped = (channel: 'wechat' | 'sms'): Unsent => ({
    ...base,
    id: outboxId(now),
    channel,
    state: 'skipped',
    template_id: null,
    payload: null,
    next_attempt_at: null,
    last_error: '模板未配置',
  })
  const rows: Unsent[] = []
  const wechat = settings.wechat.templates[category]
  if (member.openid && !wechat && Object.keys(settings.wechat.templates).length > 0) rows.push(skipped('wechat'))
  const key = wechat && subscriptionKey(memberId, wechat.templateId)
  if (member.openid && wechat && key && (facts.free.get(key) ?? 0) > 0) {
    facts.free.set(key, (facts.free.get(key) ?? 0) - 1)
    const payload = JSON.stringify(renderWechatData(wechat.fields, values))
    rows.push({
      ...base,
      id: outboxId(now),
      channel: 'wechat',
      state: 'pending',
      template_id: wechat.templateId,
      payload,
      next_attempt_at: due,
      last_error: null,
    })
    return rows
  }
  if (!prefs.smsConsent || !member.phone || settings.sms.signName === null) return rows
  const sms = settings.sms.templates[category]
  if (!sms) return [...rows, skipped('sms')]
  const payload = JSON.stringify(renderSmsParams(sms.params, values))
  rows.push({
    ...base,
    id: outboxId(now),
    channel: 'sms',
    state: 'pending',
    template_id: sms.templateCode,
    payload,
    next_attempt_at: due,
    last_error: null,
  })
  return rows
}
