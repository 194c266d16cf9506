import { newId } from '@mc/shared'
import { sql, type Kysely, type Transaction } from 'kysely'
import { readInChunks } from '../db/in-chunks'
import type { Database } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

/** The key of `freeSubscriptions`' map: a member and a template id. */
export const subscriptionKey = (memberId: string, templateId: string) => `${memberId} ${templateId}`

/**
 * One-time subscriptions each member holds for each template that no queued message has claimed yet: unused ones
 * less the WeChat messages already waiting to spend one, keyed by `subscriptionKey` (a missing key has none free).
 * A message is only queued for WeChat when this is above zero, so a member with none left falls back to SMS or the
 * inbox instead of queueing a message that cannot be sent. Two grouped reads per thousand members, by the indexes
 * wechat_subscriptions_unused and outbox_member.
 */
export async function freeSubscriptions(
  db: Db,
  memberIds: readonly string[],
  templateIds: readonly string[],
): Promise<Map<string, number>> {
  const free = new Map<string, number>()
  if (memberIds.length === 0 || templateIds.length === 0) return free
  const templates = [...new Set(templateIds)]
  const unused = await readInChunks(memberIds, (ids) =>
    db
      .selectFrom('wechat_subscriptions')
      .select(['member_id', 'template_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('member_id', 'in', ids)
      .where('template_id', 'in', templates)
      .where('used_at', 'is', null)
      .groupBy(['member_id', 'template_id'])
      .execute(),
  )
  for (const r of unused) free.set(subscriptionKey(r.member_id, r.template_id), Number(r.n))
  const holders = [...new Set(unused.map((r) => r.member_id))]
  const queued = await readInChunks(holders, (ids) =>
    db
      .selectFrom('outbox')
      .select(['member_id', 'template_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('member_id', 'in', ids)
      .where('channel', '=', 'wechat')
      // Not indexable on purpose: the member index answers this; PostgreSQL with stale statistics otherwise walked
      // every pending WeChat row by outbox_due_order.
      .where(sql<string>`state || ''`, 'in', ['pending', 'sending'])
      .where('template_id', 'in', templates)
      .groupBy(['member_id', 'template_id'])
      .execute(),
  )
  for (const r of queued) {
    const key = subscriptionKey(r.member_id, r.template_id ?? '')
    free.set(key, (free.get(key) ?? 0) - Number(r.n))
  }
  return free
}

/**
 * Spends one of the member's unused subscriptions to a template on an outbox row, oldest first; false when none is
 * left. The update is conditional on `used_at is null`, so two senders racing for the last one cannot both win:
 * the loser sees zero rows updated and tries the next one, or gives up when none is left.
 */
export async function spendSubscription(
  db: Db,
  input: { memberId: string; templateId: string; outboxId: string; now: Date; reason?: string },
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const candidate = await db
      .selectFrom('wechat_subscriptions')
      .select('id')
      .where('member_id', '=', input.memberId)
      .where('template_id', '=', input.templateId)
      .where('used_at', 'is', null)
      .orderBy('accepted_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
    if (!candidate) return false
    const result = await db
      .updateTable('wechat_subscriptions')
      .set({ used_at: input.now.toISOString(), outbox_id: input.outboxId, spent_reason: input.reason ?? null })
      .where('id', '=', candidate.id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) > 0) return true
  }
  return false
}

/**
 * Gives back the subscription a message spent when WeChat refused the message for a reason of ours (a bad field,
 * a bad page): no message reached the member, so the acceptance is still theirs to use.
 */
export async function releaseSubscription(db: Db, outboxId: string): Promise<void> {
  await db
    .updateTable('wechat_subscriptions')
    .set({ used_at: null, outbox_id: null, spent_reason: null })
    .where('outbox_id', '=', outboxId)
    .execute()
}

/** Records one one-time subscription per accepted template id (WeChat allows one message per acceptance). */
export async function recordSubscriptions(db: Db, memberId: string, templateIds: string[], now: Date): Promise<void> {
  if (templateIds.length === 0) return
  await db
    .insertInto('wechat_subscriptions')
    .values(
      templateIds.map((templateId) => ({
        id: newId('wsb', now.getTime()),
        member_id: memberId,
        template_id: templateId,
        accepted_at: now.toISOString(),
        used_at: null,
        outbox_id: null,
        spent_reason: null,
      })),
    )
    .execute()
}

/** Unused subscriptions the member holds, per template id. */
export async function unusedByTemplate(db: Db, memberId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('wechat_subscriptions')
    .select(['template_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('member_id', '=', memberId)
    .where('used_at', 'is', null)
    .groupBy('template_id')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.template_id, Number(r.n)]))
}
