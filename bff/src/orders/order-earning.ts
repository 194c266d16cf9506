import { yuan, type OrderEventOutcome, type TierChange } from '@mc/shared'
import type { Selectable, Transaction } from 'kysely'
import type { Database, LedgerName, OrdersTable } from '../db/schema'
import { earn } from '../earning/earn'
import { takeBackUpTo } from '../ledger/reverse-entry'
import type { PublishedProgram } from '../program/published-program'
import { creditFirstOrder, reverseFirstOrder } from '../tasks/first-order'

export type OrderRow = Selectable<OrdersTable>

/**
 * Credits what an order earned on one ledger; a growth credit may upgrade the member at once. The member's first
 * credited online order also earns the first-order task, posted before the order's own entry so accounts are still
 * locked growth first; the tier answered runs from before both to after both.
 */
export async function creditOrder(
  trx: Transaction<Database>,
  input: {
    order: OrderRow
    ledger: LedgerName
    amount: number
    program: PublishedProgram
    occurredAt: Date
    now: Date
    /**
     * Whether the member holds the task's credit, when this transaction already asked under the growth account's
     * lock (order-facts.ts): true, it is not credited; false, it is credited without asking again.
     */
    firstOrderStanding?: boolean
  },
): Promise<{ entryId: string; tier: OrderEventOutcome['tier'] }> {
  const { order, ledger, amount, program, now } = input
  // 首单 is the shop's task: a till purchase (source outlet) neither earns it nor counts as the first order.
  const first =
    order.source === 'online' && input.firstOrderStanding !== true
      ? await creditFirstOrder(
          trx,
          { memberId: order.member_id, orderId: order.order_id, program, occurredAt: input.occurredAt, now },
          input.firstOrderStanding,
        )
      : null
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
  const upgrades = [first?.tierChange, tierChange].filter(
    (change): change is Extract<TierChange, { kind: 'upgrade' }> => change?.kind === 'upgrade',
  )
  const [earliest, latest] = [upgrades[0], upgrades.at(-1)]
  return { entryId: entry.id, tier: earliest && latest ? { from: earliest.from, to: latest.to } : null }
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
  // A full refund takes back the first-order task too, whatever the order's own credits were.
  if (order.refunded_fen + input.refundFen >= order.paid_fen) {
    const { refundId, occurredAt } = input
    await reverseFirstOrder(trx, {
      memberId: order.member_id,
      orderId: order.order_id,
      ledger,
      refundId,
      program,
      occurredAt,
      now,
    })
  }
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
