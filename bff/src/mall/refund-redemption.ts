import { AppError, type RedemptionView } from '@mc/shared'
import type { Deps } from '../deps'
import { audit } from '../audit/audit'
import { reverseEntry } from '../ledger/reverse-entry'
import { publishedProgram } from '../program/published-program'
import { returnStock } from './item-stock'
import { refundCash } from './refund-cash'
import { lockRedemption, redemptionById } from './redemption-view'

/**
 * The merchant refunds a completed redemption: the spend entry is reversed (the points come back as a new
 * lot under today's expiry policy, since the lots they came from may have lapsed meanwhile), the units go back
 * to stock unless they were shipped, the pickup code and unused coupons stop working, and the provider is
 * asked to return the cash. Picked-up goods and used coupons cannot be refunded here.
 * Refunding again retries only a cash refund that failed.
 */
export async function refundRedemption(
  deps: Pick<Deps, 'db' | 'payments' | 'logger'>,
  actor: string,
  redemptionId: string,
  reason: string,
  now: Date,
): Promise<RedemptionView> {
  const cashDue = await deps.db.transaction().execute(async (trx) => {
    const row = await lockRedemption(trx, redemptionId)
    if (row.status === 'refunded' && row.cash_fen > 0 && row.needs_reconciliation === 1) return true
    if (row.status !== 'completed') throw new AppError('REDEMPTION_NOT_REFUNDABLE', { status: row.status })
    if (row.picked_up_at !== null)
      throw new AppError('REDEMPTION_NOT_REFUNDABLE', { reason: 'picked_up', pickedUpAt: row.picked_up_at })
    if (row.claim_id !== null) {
      const used = await trx
        .selectFrom('coupons')
        .select('code')
        .where('claim_id', '=', row.claim_id)
        .where('status', '=', 'used')
        .execute()
      if (used.length > 0)
        throw new AppError('REDEMPTION_NOT_REFUNDABLE', { reason: 'coupon_used', coupons: used.map((c) => c.code) })
      await trx.updateTable('coupons').set({ status: 'expired' }).where('claim_id', '=', row.claim_id).execute()
    }
    await trx
      .updateTable('mall_redemptions')
      .set({ status: 'refunded', refund_reason: reason, closed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'completed')
      .execute()
    const spend = await trx
      .selectFrom('ledger_entries')
      .select(['id'])
      .where('ref_type', '=', 'mall_redemption')
      .where('ref_id', '=', row.id)
      .where('ledger', '=', 'points')
      .where('kind', '=', 'redeem')
      .executeTakeFirstOrThrow()
    await reverseEntry(trx, {
      entryId: spend.id,
      reason: `兑换退款「${row.item_title}」，积分已退回`,
      actor: 'admin',
      actorId: actor,
      ref: { type: 'mall_redemption', id: row.id },
      idempotencyKey: `mall_refund:${row.id}`,
      program: await publishedProgram(trx),
      now,
    })
    if (row.fulfilment !== 'delivery') {
      await returnStock(trx, row.item_id, row.quantity)
    }
    await audit(trx, {
      actor,
      action: 'mall_redemption.refund',
      targetType: 'mall_redemption',
      targetId: row.id,
      detail: { reason },
      now,
    })
    return row.cash_fen > 0
  })
  if (cashDue) {
    const outcome = await refundCash(deps, redemptionId, now)
    if (outcome === 'requested') {
      await deps.db
        .updateTable('mall_redemptions')
        .set({ needs_reconciliation: 0 })
        .where('id', '=', redemptionId)
        .execute()
    }
  }
  return redemptionById(deps.db, redemptionId)
}
