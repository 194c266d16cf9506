import type { Deps } from '../deps'
import { recordPaymentEvent } from './payment-events'

/**
 * Asks the payment provider to return a redemption's cash. The refund number is fixed the first time (it is
 * the provider's idempotency key), so asking again after a failure cannot refund twice. A failure flags the
 * redemption for reconciliation instead of throwing: the points side is already settled and must not roll back.
 */
export async function refundCash(
  deps: Pick<Deps, 'db' | 'payments' | 'logger'>,
  redemptionId: string,
  now: Date,
): Promise<'requested' | 'failed'> {
  const row = await deps.db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('id', '=', redemptionId)
    .executeTakeFirstOrThrow()
  const refundNo = row.refund_no ?? `RF${row.id.slice(-26)}`
  if (row.refund_no === null) {
    await deps.db
      .updateTable('mall_redemptions')
      .set({ refund_no: refundNo })
      .where('id', '=', row.id)
      .where('refund_no', 'is', null)
      .execute()
  }
  try {
    if (!deps.payments || row.out_trade_no === null) throw new Error('no payment provider to refund through')
    const result = await deps.payments.refund({
      outTradeNo: row.out_trade_no,
      outRefundNo: refundNo,
      refundFen: row.cash_fen,
      totalFen: row.cash_fen,
      reason: row.refund_reason ?? '积分商城退款',
    })
    await recordPaymentEvent(deps.db, {
      outTradeNo: row.out_trade_no,
      redemptionId,
      event: 'refund_requested',
      detail: result,
      now,
    })
    return 'requested'
  } catch (error) {
    deps.logger.error({ alert: 'refund_failed', redemptionId, err: error }, 'cash refund could not be requested')
    await deps.db
      .updateTable('mall_redemptions')
      .set({ needs_reconciliation: 1, updated_at: now.toISOString() })
      .where('id', '=', redemptionId)
      .execute()
    await recordPaymentEvent(deps.db, {
      outTradeNo: row.out_trade_no ?? row.id,
      redemptionId,
      event: 'refund_failed',
      detail: { message: (error as Error).message },
      now,
    })
    return 'failed'
  }
}
