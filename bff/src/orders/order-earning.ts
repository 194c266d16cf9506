import { yuan, type OrderEventOutcome } from '@mc/shared'
import type { Selectable, Transaction } from 'kysely'
import type { Database, LedgerName, OrdersTable } from '../db/schema'
import { earn } from '../earning/earn'
import { takeBackUpTo } from '../ledger/reverse-entry'
import type { PublishedProgram } from '../program/published-program'

export type OrderRow = Selectable<OrdersTable>

/** Credits what an order earned on one ledger; a growth credit may upgrade the member at once. */
export async function creditOrder(
  trx: Transaction<Database>,
  input: {
    order: OrderRow
    ledger: LedgerName
    amount: number
    program: PublishedProgram
    occurredAt: Date
    now: Date
  },
): Promise<{ entryId: string; tier: OrderEventOutcome['tier'] }> {
  const { order, ledger, amount, program, now } = input
  const {
    entries: [entry],
    tierChange,
  } = await earn(trx, {
    program,
    now,
    credits: [
      {
        memberId: order.member_id,
        ledger,
        amount,
        kind: 'order',
        reason: `${order.source === 'outlet' ? '门店消费' : '订单'} ${order.order_id} 实付 ¥${yuan(order.paid_fen)}`,
        actor: 'system',
        ref: { type: 'order', id: order.order_id },
        idempotencyKey: `order:${order.order_id}:${ledger}`,
        ruleVersion: order.rule_version,
        occurredAt: input.occurredAt,
      },
    ],
  })
  return {
    entryId: entry.id,
    tier: tierChange?.kind === 'upgrade' ? { from: tierChange.from, to: tierChange.to } : null,
  }
}

/**
 * Takes back a refunded share of a credited earning as a partial correction of its entry: from its own lot first;
 * points may run into debt (the only way a balance goes below zero), growth only as far as its lot still counts.
 */
export async function reverseOrderCredit(
  trx: Transaction<Database>,
  input: {
    order: OrderRow
    ledger: LedgerName
    amount: number
    refundId: string
    refundFen: number
    program: PublishedProgram
    occurredAt: Date
    now: Date
  },
): Promise<number> {
  const { order, ledger, program, now } = input
  const entryId = ledger === 'growth' ? order.growth_entry_id : order.points_entry_id
  if (!entryId || input.amount <= 0) return 0
  const lot = await trx
    .selectFrom('ledger_lots')
    .select(['id', 'remaining'])
    .where('entry_id', '=', entryId)
    .executeTakeFirst()
  // Growth that already left the window is gone; only what still counts can be taken back.
  const amount = ledger === 'growth' ? Math.min(input.amount, lot?.remaining ?? 0) : input.amount
  if (amount <= 0) return 0
  // Up to what is left of the credit: a merchant may have corrected it by hand before the refund arrived.
  const taken = await takeBackUpTo(trx, {
    entryId,
    amount,
    kind: 'refund',
    reason: `订单 ${order.order_id} 退款 ¥${yuan(input.refundFen)}`,
    actor: 'system',
    ref: { type: 'refund', id: `${order.order_id}:${input.refundId}` },
    idempotencyKey: `refund:${order.order_id}:${input.refundId}:${ledger}`,
    clawback: ledger === 'points',
    program,
    ruleVersion: order.rule_version,
    occurredAt: input.occurredAt,
    now,
  })
  return taken === null ? 0 : -taken.amount
}
