import { tierByKey, type OrderEvent, type StaffPurchaseOutcome } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { applyOrderEvent } from '../orders/apply-order-event'
import { publishedProgram } from '../program/published-program'

/** What posting a till purchase earned, as the till shows it. */
export type TillEarnings = Pick<StaffPurchaseOutcome, 'growth' | 'points' | 'upgrade'>

/**
 * Posts a till purchase through the same earning pipeline as an online order: an `order.paid` and an
 * `order.completed` event for what the member paid, source `outlet`, booked to the outlet. Used when the purchase
 * is recorded within the limits and when a held one is approved; the event ids make a second posting a no-op.
 */
export async function postTillPurchase(
  trx: Transaction<Database>,
  input: { orderId: string; memberId: string; outletId: string; paidFen: number; occurredAt: string; now: Date },
): Promise<TillEarnings> {
  const { orderId, memberId, outletId, paidFen, now } = input
  // A coupon that covered the whole receipt leaves nothing paid, so nothing to earn on.
  if (paidFen === 0) return { growth: 0, points: 0, upgrade: null }
  const program = await publishedProgram(trx)
  const ctx = { trx, program, now, source: 'outlet' as const }
  const data: OrderEvent['data'] = { orderId, member: { memberId }, amountFen: paidFen, outletId }
  const occurredAt = input.occurredAt
  const paid = await applyOrderEvent(ctx, { id: `${orderId}:paid`, type: 'order.paid', occurredAt, data })
  const completed = await applyOrderEvent(ctx, {
    id: `${orderId}:completed`,
    type: 'order.completed',
    occurredAt,
    data,
  })
  const change = paid.body.tier ?? completed.body.tier
  const named = (key: string) => ({ id: key, name: tierByKey(program.rules, key).name })
  return {
    growth: paid.body.growth + completed.body.growth,
    points: paid.body.points + completed.body.points,
    upgrade: change && { from: named(change.from), to: named(change.to) },
  }
}
