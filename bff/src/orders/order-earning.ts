import { businessDayOf, growthCountsUntil, pointsExpiresAt, yuan, type OrderEventOutcome } from '@mc/shared'
import type { Selectable, Transaction } from 'kysely'
import type { Database, LedgerName, OrdersTable } from '../db/schema'
import { postEntry } from '../ledger/post-entry'
import { upgradeIfReached } from '../tiers/member-tier'
import type { PublishedProgram } from '../program/published-program'

export type OrderRow = Selectable<OrdersTable>

/** Credits what an order earned on one ledger; a growth credit may upgrade the member at once. */
export async function creditOrder(trx: Transaction<Database>, input: {
  order: OrderRow; ledger: LedgerName; amount: number; program: PublishedProgram; occurredAt: Date; now: Date
}): Promise<{ entryId: string; tier: OrderEventOutcome['tier'] }> {
  const { order, ledger, amount, program, now } = input
  const { rules } = program
  const expiresAt = ledger === 'growth'
    ? growthCountsUntil(rules, input.occurredAt).toISOString()
    : pointsExpiresAt(rules.points.expiry, input.occurredAt, rules.calendar)?.toISOString() ?? null
  const entry = await postEntry(trx, {
    memberId: order.member_id, ledger, amount, kind: 'order',
    reason: `${order.source === 'outlet' ? '门店消费' : '订单'} ${order.order_id} 实付 ¥${yuan(order.paid_fen)}`,
    actor: 'system', ref: { type: 'order', id: order.order_id }, idempotencyKey: `order:${order.order_id}:${ledger}`,
    ruleVersion: order.rule_version, businessDay: businessDayOf(input.occurredAt, rules.calendar),
    occurredAt: input.occurredAt, now, credit: { expiresAt },
  })
  if (ledger !== 'growth') return { entryId: entry.id, tier: null }
  const change = await upgradeIfReached(trx, order.member_id, entry.balance_after, program, now)
  return { entryId: entry.id, tier: change && change.kind === 'upgrade' ? { from: change.from, to: change.to } : null }
}

/** Takes back a refunded share of a credited earning: from its own lot first; points may run into debt. */
export async function reverseOrderCredit(trx: Transaction<Database>, input: {
  order: OrderRow; ledger: LedgerName; amount: number; refundId: string; refundFen: number; program: PublishedProgram; occurredAt: Date; now: Date
}): Promise<number> {
  const { order, ledger, program, now } = input
  const entryId = ledger === 'growth' ? order.growth_entry_id : order.points_entry_id
  if (!entryId || input.amount <= 0) return 0
  const lot = await trx.selectFrom('ledger_lots').select(['id', 'remaining']).where('entry_id', '=', entryId).executeTakeFirst()
  // Growth that already left the window is gone; only what still counts can be taken back.
  const amount = ledger === 'growth' ? Math.min(input.amount, lot?.remaining ?? 0) : input.amount
  if (amount <= 0) return 0
  await postEntry(trx, {
    memberId: order.member_id, ledger, amount: -amount, kind: 'refund',
    reason: `订单 ${order.order_id} 退款 ¥${yuan(input.refundFen)}`,
    actor: 'system', ref: { type: 'refund', id: `${order.order_id}:${input.refundId}` },
    idempotencyKey: `refund:${order.order_id}:${input.refundId}:${ledger}`, correctsEntryId: entryId,
    ruleVersion: order.rule_version, businessDay: businessDayOf(input.occurredAt, program.rules.calendar),
    occurredAt: input.occurredAt, now,
    debit: lot ? { from: 'lot', lotId: lot.id, overflow: ledger === 'points' ? 'earliest_expiry' : 'none', respectHeld: false }
      : { from: 'earliest_expiry', respectHeld: false },
    allowDebt: ledger === 'points',
  })
  return amount
}
