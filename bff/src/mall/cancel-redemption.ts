import { AppError, type RedemptionView } from '@mc/shared'
import type { Deps } from '../deps'
import { closeUnlessPaid } from './close-unless-paid'
import { recordPaymentEvent } from './payment-events'
import { releaseRedemption } from './release-redemption'
import { memberRedemption } from './redemption-view'
import { settleTradeReport } from './settle-payment'

type CancelDeps = Pick<Deps, 'db' | 'payments' | 'logger'>

/**
 * The member cancels before paying. The provider's order is closed first: if the money already went through
 * (the notice is still on its way), the redemption completes instead and the member is told so. Otherwise the
 * points and stock are released.
 */
export async function cancelRedemption(
  deps: CancelDeps,
  memberId: string,
  redemptionId: string,
  now: Date,
): Promise<RedemptionView> {
  const current = await memberRedemption(deps.db, memberId, redemptionId)
  if (current.status !== 'pending_payment') throw new AppError('REDEMPTION_NOT_PENDING', { status: current.status })
  const row = await deps.db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('id', '=', redemptionId)
    .executeTakeFirstOrThrow()
  if (deps.payments && row.out_trade_no) {
    // Closed before the release, so the member is never told "cancelled" about an order that can still be paid.
    // A provider that cannot be reached does not keep the member's points: the release goes ahead, and a
    // payment that still arrives is settled as a late one.
    const paid = await closeUnlessPaid(deps.payments, row.out_trade_no).catch((error: unknown) => {
      deps.logger.warn({ err: error, redemptionId }, 'payment order state unknown at cancel')
      return null
    })
    if (paid) {
      await settleTradeReport(deps, paid, 'query', now)
      throw new AppError(
        'REDEMPTION_NOT_PENDING',
        { status: 'completed', reason: 'already_paid' },
        '该订单已支付成功，无法取消',
      )
    }
  }
  const released = await deps.db.transaction().execute((trx) => releaseRedemption(trx, row, 'cancelled', now))
  if (!released)
    throw new AppError('REDEMPTION_NOT_PENDING', {
      status: (await memberRedemption(deps.db, memberId, redemptionId)).status,
    })
  if (row.out_trade_no)
    await recordPaymentEvent(deps.db, {
      outTradeNo: row.out_trade_no,
      redemptionId,
      event: 'cancelled',
      detail: {},
      now,
    })
  return memberRedemption(deps.db, memberId, redemptionId)
}
