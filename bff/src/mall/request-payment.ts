import { AppError, type PaymentRequestResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { recordPaymentEvent } from './payment-events'
import { releaseRedemption } from './release-redemption'
import { redemptionById } from './redemption-view'

/**
 * Asks the payment provider for the order behind a pending redemption and returns what the client pays with.
 * The provider keys the order by out_trade_no, so asking again (a retry, a second tap on 去支付) finds the
 * same order. If the provider cannot be reached when the redemption is first placed, the redemption is
 * cancelled there and then, so the member's points and the stock are not tied up by an order nobody can pay.
 */
export async function requestPayment(
  deps: Pick<Deps, 'db' | 'payments' | 'logger'>,
  redemptionId: string,
  now: Date,
  options = { releaseOnFailure: true },
): Promise<PaymentRequestResponse> {
  const row = await deps.db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('id', '=', redemptionId)
    .executeTakeFirstOrThrow()
  if (row.status !== 'pending_payment' || row.out_trade_no === null || row.payment_expires_at === null) {
    throw new AppError('REDEMPTION_NOT_PENDING', { status: row.status })
  }
  if (!deps.payments) throw new AppError('PAYMENT_UNAVAILABLE', { reason: 'no payment provider configured' })
  const member = await deps.db
    .selectFrom('members')
    .select('openid')
    .where('id', '=', row.member_id)
    .executeTakeFirstOrThrow()
  try {
    const payment = await deps.payments.createOrder({
      outTradeNo: row.out_trade_no,
      description: `积分商城-${row.item_title}`.slice(0, 40),
      amountFen: row.cash_fen,
      payerOpenid: member.openid,
      expiresAt: new Date(row.payment_expires_at),
    })
    return { redemption: await redemptionById(deps.db, redemptionId), payment }
  } catch (error) {
    deps.logger.warn({ err: error, redemptionId }, 'payment order could not be created')
    if (options.releaseOnFailure) {
      await deps.db.transaction().execute(async (trx) => {
        if (await releaseRedemption(trx, row, 'cancelled', now)) {
          await recordPaymentEvent(trx, {
            outTradeNo: row.out_trade_no!,
            redemptionId,
            event: 'create_failed',
            detail: { message: (error as Error).message },
            now,
          })
        }
      })
    }
    if (error instanceof AppError && error.code === 'PAYMENT_UNAVAILABLE') throw error
    throw new AppError('PAYMENT_UNAVAILABLE', { redemptionId })
  }
}
