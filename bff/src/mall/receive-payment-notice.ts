import { AppError } from '@mc/shared'
import type { Deps } from '../deps'
import type { RawNotice, TradeReport } from './payment-provider'
import { settleTradeReport, type Settlement } from './settle-payment'

/**
 * The one path every payment notice takes, WeChat's over HTTP and the local provider's in process: verify
 * and decrypt it, then settle what it reports. A notice that fails verification is logged as an alert and
 * changes nothing.
 */
export async function receivePaymentNotice(
  deps: Pick<Deps, 'db' | 'payments' | 'logger'>,
  notice: RawNotice,
  now: Date,
): Promise<Settlement> {
  if (!deps.payments) throw new AppError('PAYMENT_UNAVAILABLE', { reason: 'no payment provider configured' })
  let report: TradeReport
  try {
    report = deps.payments.openNotice(notice, now)
  } catch (error) {
    deps.logger.error(
      { alert: 'payment_notice_invalid', details: error instanceof AppError ? error.details : undefined },
      'payment notice failed verification',
    )
    throw error
  }
  return settleTradeReport(deps, report, 'notice', now)
}
