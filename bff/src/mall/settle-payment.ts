import { AppError, type Settlement } from '@mc/shared'
import type { Deps } from '../deps'
import { holdPoints } from '../ledger/points-holds'
import { publishedProgram } from '../program/published-program'
import { completeRedemption, type PaidWith } from './complete-redemption'
import { takeStock } from './item-stock'
import type { TradeReport } from './payment-provider'
import { recordPaymentEvent } from './payment-events'
import { refundCash } from './refund-cash'
import { releaseRedemption } from './release-redemption'
import { lockRedemption } from './redemption-view'

type SettleDeps = Pick<Deps, 'db' | 'payments' | 'logger'>

/** What settling a trade report did (declared in shared): the notice endpoint answers 200 to all of these. */
export type { Settlement }

/**
 * Applies what the payment service reports about an order (a verified notice, or our own query), under the
 * redemption's row lock, so five deliveries of one notice settle it once. A report that does not match the
 * order (amount, merchant, app) is treated as forged: refused, logged as an alert, nothing changed.
 */
export async function settleTradeReport(
  deps: SettleDeps,
  report: TradeReport,
  source: 'notice' | 'query',
  now: Date,
): Promise<Settlement> {
  const row = await deps.db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('out_trade_no', '=', report.outTradeNo)
    .executeTakeFirst()
  if (!row) {
    deps.logger.error(
      { alert: 'payment_for_unknown_order', outTradeNo: report.outTradeNo, source },
      'payment report for an order we do not have',
    )
    await recordPaymentEvent(deps.db, {
      outTradeNo: report.outTradeNo,
      redemptionId: null,
      event: 'unknown_order',
      detail: report,
      now,
    })
    return 'unknown_order'
  }
  const provider = deps.payments
  const mismatches = [
    report.amountFen !== row.cash_fen && 'amount',
    report.mchid !== provider?.mchid && 'mchid',
    report.appid !== provider?.appid && 'appid',
  ].filter(Boolean)
  if (report.tradeState === 'SUCCESS' && mismatches.length > 0) {
    deps.logger.error(
      { alert: 'payment_notice_mismatch', redemptionId: row.id, mismatches, source },
      'payment report does not match its order',
    )
    await recordPaymentEvent(deps.db, {
      outTradeNo: report.outTradeNo,
      redemptionId: row.id,
      event: 'mismatch',
      detail: { mismatches, report },
      now,
    })
    throw new AppError('PAYMENT_NOTICE_MISMATCH', { mismatches })
  }
  if (report.tradeState !== 'SUCCESS') return 'not_paid'
  const paidAt =
    report.successTime && !Number.isNaN(Date.parse(report.successTime)) ? new Date(report.successTime) : now
  const paid = { transactionId: report.transactionId ?? '', paidAt: paidAt.toISOString() }

  const outcome = await completePending(deps, row.id, report, source, paid, now).catch(async (error: unknown) => {
    // The hold no longer covers the spend (its points lapsed while the shopper paid). The redemption is released
    // and the payment handled as one that came too late: completed if the points are there after all, else refunded.
    if (!(error instanceof AppError && error.code === 'POINTS_INSUFFICIENT')) throw error
    await deps.db.transaction().execute((trx) => releaseRedemption(trx, row, 'expired', now))
    return null
  })
  if (outcome) return outcome
  return settleLatePayment(deps, row.id, paid, now)
}

async function completePending(
  deps: SettleDeps,
  redemptionId: string,
  report: TradeReport,
  source: string,
  paid: PaidWith,
  now: Date,
) {
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockRedemption(trx, redemptionId)
    if (locked.status === 'pending_payment') {
      const program = await publishedProgram(trx)
      await completeRedemption(trx, { row: locked, from: 'pending_payment', paid, program, now })
      await recordPaymentEvent(trx, {
        outTradeNo: report.outTradeNo,
        redemptionId,
        event: `paid_${source}`,
        detail: report,
        now,
      })
      return 'completed' as const
    }
    if (locked.transaction_id !== null) return 'already_settled' as const
    return null
  })
}

/**
 * Money arrived for a redemption that had already expired or been cancelled. It is never dropped: if the
 * stock and the member's points still allow, the redemption is completed after all; otherwise the cash is
 * refunded and the redemption flagged for the merchant's reconciliation.
 */
async function settleLatePayment(
  deps: SettleDeps,
  redemptionId: string,
  paid: PaidWith,
  now: Date,
): Promise<Settlement> {
  try {
    await deps.db.transaction().execute(async (trx) => {
      const row = await lockRedemption(trx, redemptionId)
      if (row.transaction_id !== null) throw new AppError('REDEMPTION_NOT_PENDING', { status: row.status })
      await takeStock(trx, row.item_id, row.quantity)
      const holdId = await holdPoints(trx, {
        memberId: row.member_id,
        points: row.points_cost,
        ref: { type: 'mall_redemption_late', id: row.id },
        expiresAt: now,
        now,
      })
      await trx.updateTable('mall_redemptions').set({ hold_id: holdId }).where('id', '=', row.id).execute()
      const program = await publishedProgram(trx)
      await completeRedemption(trx, { row: { ...row, hold_id: holdId }, from: row.status, paid, program, now })
      await recordPaymentEvent(trx, {
        outTradeNo: row.out_trade_no!,
        redemptionId,
        event: 'late_success_recompleted',
        detail: paid,
        now,
      })
    })
    return 'recompleted_late'
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'REDEMPTION_NOT_PENDING') return 'already_settled'
    const flagged = await deps.db.transaction().execute(async (trx) => {
      const row = await lockRedemption(trx, redemptionId)
      if (row.transaction_id !== null) return null
      await trx
        .updateTable('mall_redemptions')
        .set({
          status: 'refunded',
          transaction_id: paid.transactionId,
          paid_at: paid.paidAt,
          needs_reconciliation: 1,
          refund_reason: '支付晚于订单超时，商品已无法兑换',
          updated_at: now.toISOString(),
        })
        .where('id', '=', redemptionId)
        .execute()
      await recordPaymentEvent(trx, {
        outTradeNo: row.out_trade_no!,
        redemptionId,
        event: 'late_success_refunded',
        detail: { reason: error.code, ...paid },
        now,
      })
      return row
    })
    if (!flagged) return 'already_settled'
    deps.logger.error(
      { alert: 'late_payment_refunded', redemptionId, reason: error.code },
      'payment arrived after expiry and could not be fulfilled; refunding',
    )
    await refundCash(deps, redemptionId, now)
    return 'refunded_late'
  }
}
