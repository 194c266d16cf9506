import { preparedQuery } from '../db/prepared-query'
import type { OrderRow } from './order-earning'

/** The order path's writes that run with every payment, compiled once per database handle (prepared-query.ts). */

/**
 * Inserts a paid order unless one of its id exists: the guard against paying an order twice (see `applyPaid`).
 * Answers through `affected`: 0 when the order was taken.
 */
export const insertPaidOrder = preparedQuery<OrderRow>()((db, p) =>
  db
    .insertInto('orders')
    .values({
      order_id: p.order_id,
      member_id: p.member_id,
      status: p.status,
      paid_fen: p.paid_fen,
      refunded_fen: p.refunded_fen,
      growth_earned: p.growth_earned,
      points_earned: p.points_earned,
      growth_credited: p.growth_credited,
      points_credited: p.points_credited,
      growth_entry_id: p.growth_entry_id,
      points_entry_id: p.points_entry_id,
      rule_version: p.rule_version,
      outlet_id: p.outlet_id,
      source: p.source,
      paid_at: p.paid_at,
      completed_at: p.completed_at,
    })
    .onConflict((oc) => oc.column('order_id').doNothing()),
)

type Credited = { orderId: string; amount: number; entryId: string }

/** Records on the order what one ledger credited and under which entry. */
export const recordCredit = {
  growth: preparedQuery<Credited>()((db, p) =>
    db
      .updateTable('orders')
      .set({ growth_credited: p.amount, growth_entry_id: p.entryId })
      .where('order_id', '=', p.orderId),
  ),
  points: preparedQuery<Credited>()((db, p) =>
    db
      .updateTable('orders')
      .set({ points_credited: p.amount, points_entry_id: p.entryId })
      .where('order_id', '=', p.orderId),
  ),
}
