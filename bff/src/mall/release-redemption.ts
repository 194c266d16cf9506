import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { releasePoints } from '../ledger/points-holds'
import { returnStock } from './item-stock'
import type { RedemptionRow } from './redemption-view'

/**
 * Gives back what an unpaid redemption reserved: its points hold is released and its units return to stock,
 * exactly, in the caller's transaction. Conditioned on the redemption still pending, so a payment that
 * settled it first wins and this writes nothing (returns false).
 */
export async function releaseRedemption(
  trx: Transaction<Database>,
  row: RedemptionRow,
  to: 'expired' | 'cancelled',
  now: Date,
): Promise<boolean> {
  const moved = await trx
    .updateTable('mall_redemptions')
    .set({ status: to, closed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'pending_payment')
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) return false
  if (row.hold_id) await releasePoints(trx, row.hold_id, now)
  await returnStock(trx, row.item_id, row.quantity)
  return true
}
