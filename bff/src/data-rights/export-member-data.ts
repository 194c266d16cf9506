import { AppError, type MemberDataExport } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { exportLedgers } from './export-ledgers'
import { exportRecord } from './export-records'

/**
 * Every table holding rows keyed by a member, and where the export puts them. `export.test.ts` reads the
 * database catalog on both engines and fails when a table with a member_id column is in neither list, so a table
 * added later is exported or deliberately withheld, never forgotten.
 */
export const exportedMemberTables = [
  'members',
  'member_tiers',
  'tier_changes',
  'ledger_accounts',
  'ledger_entries',
  'ledger_lots',
  'points_holds',
  'points_lot_extensions',
  'orders',
  'order_lines',
  'till_purchases',
  'coupons',
  'benefit_claims',
  'benefit_events',
  'mall_redemptions',
  'sign_ins',
  'notifications',
  'outbox',
  'member_notification_prefs',
  'wechat_subscriptions',
  'wechat_subscription_choices',
  'engagement_sends',
  'member_tags',
  'member_insights',
  'member_codes',
  'member_code_uses',
  'legal_acceptances',
  'sessions',
] as const

/** Member-keyed tables left out of the export, each with the reason. */
export const withheldMemberTables: Record<string, string> = {
  wechat_sessions: "WeChat's session key: a credential that never leaves the BFF (DESIGN.md §4)",
}

/** GET /api/me/export: everything held about the member, as one document (see `MemberDataExport`). */
export async function exportMemberData(db: Kysely<Database>, memberId: string, now: Date): Promise<MemberDataExport> {
  const member = await db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new AppError('NOT_FOUND')
  const byMember = <T extends keyof Database & string>(table: T, order: string) =>
    db
      .selectFrom(table as 'sign_ins')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy(order as 'created_at')
      .execute() as Promise<Record<string, unknown>[]>
  const [program, outlet, tier, tierChanges, ledgers, sections] = await Promise.all([
    publishedProgram(db),
    member.source_outlet_id === null
      ? undefined
      : db.selectFrom('outlets').select(['id', 'name']).where('id', '=', member.source_outlet_id).executeTakeFirst(),
    db.selectFrom('member_tiers').selectAll().where('member_id', '=', memberId).executeTakeFirst(),
    db.selectFrom('tier_changes').selectAll().where('member_id', '=', memberId).orderBy('id').execute(),
    exportLedgers(db, memberId),
    Promise.all([
      byMember('coupons', 'created_at'),
      byMember('benefit_claims', 'created_at'),
      byMember('benefit_events', 'created_at'),
      byMember('mall_redemptions', 'created_at'),
      byMember('sign_ins', 'business_day'),
      byMember('notifications', 'created_at'),
      byMember('outbox', 'created_at'),
      byMember('wechat_subscriptions', 'accepted_at'),
      byMember('wechat_subscription_choices', 'kept_at'),
      byMember('engagement_sends', 'decided_at'),
      byMember('member_tags', 'created_at'),
      byMember('member_code_uses', 'used_at'),
      byMember('till_purchases', 'created_at'),
    ]),
  ])
  const [
    coupons,
    claims,
    benefitEvents,
    redemptions,
    signIns,
    messages,
    outbound,
    subs,
    choices,
    sends,
    tags,
    uses,
    till,
  ] = sections
  const tierName = (key: string) => program.rules.tiers.find((t) => t.key === key)?.name ?? key
  return {
    format: 'mc-member-data',
    version: 1,
    exportedAt: now.toISOString(),
    profile: {
      ...exportRecord(member, ['id']),
      id: member.id,
      phone: member.phone,
      openid: member.openid,
      unionid: member.unionid,
      nickname: member.nickname,
      avatar: member.avatar ?? null,
      gender: member.gender ?? null,
      birthday: member.birthday,
      region: member.region ?? null,
      joinedAt: member.joined_at,
      sourceChannel: member.source_channel,
      sourceOutlet: outlet ? { id: outlet.id, name: outlet.name } : null,
      createdAt: member.created_at,
    },
    tier: tier
      ? { key: tier.tier_key, name: tierName(tier.tier_key), validUntil: tier.valid_until, since: tier.since }
      : null,
    tierHistory: tierChanges.map((change) => ({
      kind: change.kind,
      fromKey: change.from_key,
      fromName: change.from_key === null ? null : tierName(change.from_key),
      toKey: change.to_key,
      toName: tierName(change.to_key),
      validUntil: change.valid_until,
      growth: Number(change.growth),
      businessDay: change.business_day,
      createdAt: change.created_at,
    })),
    ...ledgers,
    orders: await exportOrders(db, memberId),
    storePurchases: till.map((row) => exportRecord(row)),
    coupons: coupons.map((row) => exportRecord(row)),
    benefitClaims: claims.map((row) => exportRecord(row)),
    benefitEvents: benefitEvents.map((row) => exportRecord(row)),
    redemptions: redemptions.map((row) => ({
      ...exportRecord(row, ['delivery']),
      delivery: typeof row.delivery === 'string' ? JSON.parse(row.delivery) : null,
    })),
    signIns: signIns.map((row) => exportRecord(row)),
    messages: messages.map((row) => exportRecord(row)),
    outboundMessages: outbound.map((row) => exportRecord(row)),
    notificationSettings: await exportNotificationSettings(db, memberId),
    subscriptions: subs.map((row) => exportRecord(row)),
    subscriptionChoices: choices.map((row) => exportRecord(row)),
    marketingDecisions: sends.map((row) => exportRecord(row)),
    tags: tags.map((row) => exportRecord(row)),
    insights: await exportInsights(db, memberId),
    memberCode: await exportMemberCode(db, memberId),
    memberCodeUses: uses.map((row) => exportRecord(row)),
    agreementAcceptances: (await byMember('legal_acceptances', 'accepted_at')).map((row) => exportRecord(row)),
    // Only the token's hash is stored, and even that is withheld: the dates say what the member needs to know.
    sessions: (await byMember('sessions', 'created_at')).map((row) => ({
      createdAt: String(row.created_at),
      expiresAt: String(row.expires_at),
      revokedAt: (row.revoked_at as string | null) ?? null,
    })),
  }
}

/** The member's orders, each with its lines and refunds. */
async function exportOrders(db: Kysely<Database>, memberId: string): Promise<MemberDataExport['orders']> {
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('paid_at')
    .execute()
  if (orders.length === 0) return []
  const ids = orders.map((order) => order.order_id)
  const [lines, refunds] = await Promise.all([
    db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('line_no').execute(),
    db.selectFrom('order_refunds').selectAll().where('order_id', 'in', ids).orderBy('applied_at').execute(),
  ])
  return orders.map((order) => ({
    ...exportRecord(order),
    lines: lines.filter((line) => line.order_id === order.order_id).map((line) => exportRecord(line, ['order_id'])),
    refunds: refunds.filter((r) => r.order_id === order.order_id).map((refund) => exportRecord(refund, ['order_id'])),
  }))
}

async function exportNotificationSettings(db: Kysely<Database>, memberId: string) {
  const row = await db
    .selectFrom('member_notification_prefs')
    .selectAll()
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  if (!row) return null
  const muted = JSON.parse(row.muted_categories) as unknown
  return {
    mutedCategories: Array.isArray(muted) ? muted.map(String) : [],
    smsConsentAt: row.sms_consent_at,
    smsOptedOutAt: row.sms_opted_out_at,
  }
}

async function exportInsights(db: Kysely<Database>, memberId: string) {
  const row = await db.selectFrom('member_insights').selectAll().where('member_id', '=', memberId).executeTakeFirst()
  return row ? exportRecord(row) : null
}

/** The member code's card number; its TOTP secret is a credential and stays withheld. */
async function exportMemberCode(db: Kysely<Database>, memberId: string) {
  const row = await db
    .selectFrom('member_codes')
    .select(['card_no', 'created_at'])
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  return row ? { cardNo: row.card_no, createdAt: row.created_at } : null
}
