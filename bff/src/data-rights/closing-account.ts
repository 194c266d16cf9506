import { AppError, businessDayOf, closedMemberNickname, type AccountClosed, type CloseAccountBody } from '@mc/shared'
import { sql, type Kysely, type Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import { postDebit } from '../ledger/post-entry'
import { publishedProgram } from '../program/published-program'
import { closingPreview, pendingRedemptions } from './closing-preview'

/** The openid a closed member keeps: not a WeChat openid (those never contain ':'), only the member id. */
export const closedOpenid = (memberId: string) => `closed:${memberId}`

/** Who closes: the member, confirming the points they were shown; or an operator on the member's request. */
export type ClosingRequest =
  | { by: 'member'; memberId: string; body: CloseAccountBody; now: Date }
  | { by: 'operator'; memberId: string; actor: string; reason: string; now: Date }

/**
 * Closes an account (PIPL erasure). Refused while a redemption is pending; otherwise, in one transaction: open
 * points are forfeited by a ledger entry (so the merchant's liability drops as the member agreed), usable coupons
 * expire, everything that links the id to a person is deleted or erased, and the member row keeps only the id
 * the ledger rows point at. The conditional update of `closed_at` makes two racing closings close once.
 */
export async function closeAccount(db: Kysely<Database>, request: ClosingRequest): Promise<AccountClosed> {
  const { memberId, now } = request
  const preview = await closingPreview(db, memberId, now)
  if (request.by === 'member' && (!request.body.confirm || request.body.points !== preview.points))
    throw new AppError('CLOSE_NOT_CONFIRMED', { points: preview.points })
  return db.transaction().execute(async (trx) => {
    const closedAt = now.toISOString()
    const closedBy = request.by === 'member' ? 'member' : request.actor
    const claimed = await trx
      .updateTable('members')
      .set({ closed_at: closedAt, closed_by: closedBy })
      .where('id', '=', memberId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) throw new AppError('ACCOUNT_CLOSED', { memberId })
    // Checked again inside the transaction that closes: a redemption placed after the preview also refuses.
    const pending = await pendingRedemptions(trx, memberId)
    if (pending.length > 0) throw new AppError('CLOSE_PENDING_REDEMPTIONS', { redemptionIds: pending.map((r) => r.id) })
    const forfeited = await forfeitPoints(trx, memberId, now)
    const coupons = await trx
      .updateTable('coupons')
      .set({ status: 'expired' })
      .where('member_id', '=', memberId)
      .where('status', '=', 'available')
      .executeTakeFirst()
    await erasePerson(trx, memberId)
    await audit(trx, {
      actor: request.by === 'member' ? `member:${memberId}` : request.actor,
      action: 'member.closed',
      targetType: 'member',
      targetId: memberId,
      // Never the phone, openid or nickname: the audit log outlives the erasure.
      detail: {
        by: request.by,
        ...(request.by === 'operator' ? { reason: request.reason } : {}),
        pointsForfeited: forfeited,
        couponsExpired: Number(coupons.numUpdatedRows),
      },
      now,
    })
    return { memberId, closedAt }
  })
}

/** Takes what is left to spend as a forfeiture (kind expiry: the points lapse); a debt stays as it was. */
async function forfeitPoints(trx: Transaction<Database>, memberId: string, now: Date): Promise<number> {
  const account = await trx
    .selectFrom('ledger_accounts')
    .select(['balance', 'held'])
    .where('member_id', '=', memberId)
    .where('ledger', '=', 'points')
    .executeTakeFirst()
  const available = account ? Number(account.balance) - Number(account.held) : 0
  if (available <= 0) return 0
  const program = await publishedProgram(trx)
  await postDebit(trx, {
    memberId,
    ledger: 'points',
    amount: -available,
    kind: 'expiry',
    reason: '注销账号，剩余积分作废',
    actor: 'system',
    ref: { type: 'account_closing', id: memberId },
    idempotencyKey: `closing:points:${memberId}`,
    ruleVersion: program.version,
    businessDay: businessDayOf(now, program.rules.calendar),
    occurredAt: now,
    now,
    debit: { from: 'earliest_expiry', respectHeld: true },
  })
  return available
}

/**
 * Deletes what only serves the person (sessions, the member code, subscriptions and choices, the inbox and queued
 * messages, which may greet them by nickname, tags, redemption replays holding the address) and erases every
 * personal column. Rows that are the program's history (ledgers, tiers, orders, sign-ins, redemptions) stay under
 * the id, which nothing links to a person any more.
 */
async function erasePerson(trx: Transaction<Database>, memberId: string): Promise<void> {
  const member = await trx
    .selectFrom('members')
    .select(['phone', 'openid', 'unionid'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow()
  for (const table of [
    'sessions',
    'wechat_sessions',
    'member_codes',
    'wechat_subscriptions',
    'wechat_subscription_choices',
    'member_notification_prefs',
    'notifications',
    'outbox',
    'member_tags',
  ] as const) {
    await trx.deleteFrom(table).where('member_id', '=', memberId).execute()
  }
  // Redemption replays are keyed `<member>:<key>` and keep the request body, delivery address included.
  await trx
    .deleteFrom('idempotency_records')
    .where('scope', '=', 'mall_redeem')
    .where('key', 'like', `${memberId}:%`)
    .execute()
  await trx.updateTable('mall_redemptions').set({ delivery: null }).where('member_id', '=', memberId).execute()
  const identities = [member.phone, member.openid, member.unionid].filter((v): v is string => Boolean(v))
  for (const identity of identities) await redactIdentity(trx, identity)
  await trx
    .updateTable('members')
    .set({
      phone: null,
      // The members_identity CHECK wants a phone or an openid, and SQLite cannot change a CHECK without rebuilding
      // the table; a tombstone that names only the id satisfies it and matches no WeChat user.
      openid: closedOpenid(memberId),
      unionid: null,
      nickname: closedMemberNickname,
      avatar: null,
      gender: null,
      birthday: null,
      birthday_set_by: null,
      region: null,
      nickname_set_at: null,
    })
    .where('id', '=', memberId)
    .execute()
}

/** Stored request bodies that may name the member by phone or openid (shop order events identify members so). */
const identityTextColumns = [
  ['idempotency_records', 'request_body'],
  ['idempotency_records', 'response_body'],
  ['parked_order_events', 'body'],
  ['payment_events', 'detail'],
] as const

/**
 * Replaces the identity wherever a stored body quotes it. The replay of an order event still works: it is matched by
 * the stored hash of the original body, not by this text. Abuse-limit counters named by the account are dropped.
 */
async function redactIdentity(trx: Transaction<Database>, identity: string): Promise<void> {
  const pattern = `%${identity.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  for (const [table, column] of identityTextColumns) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = replace(${sql.ref(column)}, ${identity}, ${'[已注销]'})
      where ${sql.ref(column)} like ${pattern} escape '\\'`.execute(trx)
  }
  await sql`delete from rate_limits where bucket like ${pattern} escape '\\'`.execute(trx)
}
