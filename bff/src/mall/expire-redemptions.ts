import type { Deps } from '../deps'
import { closeUnlessPaid } from './close-unless-paid'
import { recordPaymentEvent } from './payment-events'
import { releaseRedemption } from './release-redemption'
import { settleTradeReport } from './settle-payment'

type ExpireDeps = Pick<Deps, 'db' | 'payments' | 'logger'>

/** What one sweep did. */
export interface ExpirySweep {
  expired: number
  completed: number
  /** Left pending for the next sweep: the provider could not be asked, or the payer is still paying. */
  deferred: number
}

/**
 * Expires unpaid redemptions whose payment window has closed. Before releasing one, the provider is asked
 * for the order's state: a paid order completes instead (its notice may simply be late), and an order the
 * provider cannot speak for is left for the next sweep rather than released blind. The provider's order is
 * closed, and asked about once more, before the release, so a payment made up to the close completes it.
 */
export async function expireRedemptions(deps: ExpireDeps, now: Date, batch = 100): Promise<ExpirySweep> {
  const due = await deps.db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('status', '=', 'pending_payment')
    .where('payment_expires_at', '<=', now.toISOString())
    .orderBy('payment_expires_at')
    .limit(batch)
    .execute()
  const sweep: ExpirySweep = { expired: 0, completed: 0, deferred: 0 }
  for (const row of due) {
    if (row.out_trade_no && deps.payments) {
      try {
        const current = await deps.payments.queryOrder(row.out_trade_no)
        // The payer is mid-payment: WeChat settles it one way or the other shortly.
        if (current.tradeState === 'USERPAYING') {
          sweep.deferred += 1
          continue
        }
        const paid = await closeUnlessPaid(deps.payments, row.out_trade_no, current)
        if (paid) {
          if ((await settleTradeReport(deps, paid, 'query', now)) === 'completed') sweep.completed += 1
          continue
        }
      } catch (error) {
        deps.logger.warn({ err: error, redemptionId: row.id }, 'payment state unknown; expiry deferred')
        sweep.deferred += 1
        continue
      }
    }
    const released = await deps.db.transaction().execute(async (trx) => {
      const done = await releaseRedemption(trx, row, 'expired', now)
      if (done && row.out_trade_no)
        await recordPaymentEvent(trx, {
          outTradeNo: row.out_trade_no,
          redemptionId: row.id,
          event: 'expired',
          detail: {},
          now,
        })
      return done
    })
    if (released) sweep.expired += 1
  }
  return sweep
}
