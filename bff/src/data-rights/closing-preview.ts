import { AppError, type ClosingPendingRedemption, type ClosingPreview } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/**
 * Redemptions that refuse the closing: unpaid ones (a hold and a payment are in flight), and paid delivery or
 * pickup items not yet shipped or picked up, since the address and the member's claim would be erased with them.
 */
export async function pendingRedemptions(db: Kysely<Database>, memberId: string): Promise<ClosingPendingRedemption[]> {
  const rows = await db
    .selectFrom('mall_redemptions')
    .select(['id', 'item_title', 'status', 'fulfilment'])
    .where('member_id', '=', memberId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending_payment'),
        eb.and([eb('status', '=', 'completed'), eb('fulfilment', '=', 'delivery'), eb('shipped_at', 'is', null)]),
        eb.and([eb('status', '=', 'completed'), eb('fulfilment', '=', 'pickup'), eb('picked_up_at', 'is', null)]),
      ]),
    )
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    itemTitle: row.item_title,
    waitingFor: row.status === 'pending_payment' ? 'payment' : row.fulfilment === 'delivery' ? 'shipping' : 'pickup',
  }))
}

/** What closing the account loses now: the points and growth balances, the tier and the usable coupons. */
export async function closingPreview(db: Kysely<Database>, memberId: string, now: Date): Promise<ClosingPreview> {
  const member = await db
    .selectFrom('members')
    .select(['id', 'joined_at', 'closed_at'])
    .where('id', '=', memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  if (member.closed_at !== null) throw new AppError('ACCOUNT_CLOSED', { memberId })
  const accounts = await db
    .selectFrom('ledger_accounts')
    .select(['ledger', 'balance'])
    .where('member_id', '=', memberId)
    .execute()
  const balance = (ledger: 'growth' | 'points') => Number(accounts.find((a) => a.ledger === ledger)?.balance ?? 0)
  const tierRow = await db
    .selectFrom('member_tiers')
    .select('tier_key')
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  const { rules } = await publishedProgram(db)
  const tier =
    member.joined_at === null ? null : (rules.tiers.find((t) => t.key === tierRow?.tier_key) ?? rules.tiers[0])
  const coupons = await db
    .selectFrom('coupons')
    .select(['id', 'name', 'valid_until'])
    .where('member_id', '=', memberId)
    .where('status', '=', 'available')
    .where('valid_until', '>', now.toISOString())
    .orderBy('valid_until')
    .execute()
  const pending = await pendingRedemptions(db, memberId)
  return {
    points: balance('points'),
    growth: balance('growth'),
    tier: tier ? { key: tier.key, name: tier.name } : null,
    coupons: coupons.map((c) => ({ id: c.id, name: c.name, validUntil: c.valid_until })),
    pendingRedemptions: pending,
    canClose: pending.length === 0,
  }
}
