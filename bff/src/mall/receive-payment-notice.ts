import { AppError } from '@mc/shared'
import type { Deps } from '../deps'
import type { RawNotice, TradeReport } from './payment-provider'
import { signatureProbeReason } from './wechat-pay/wechatpay-signature'
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
    // WeChat's own SIGNTEST probe checks that we refuse what is not signed: expected, so a note and not an alert.
    if (error instanceof AppError && error.details?.reason === signatureProbeReason) {
      deps.logger.warn(
        { event: 'wechatpay_signature_probe' },
        'WeChat Pay signature probe (WECHATPAY/SIGNTEST/) refused',
      )
      throw error
    }
    deps.logger.error(
      { alert: 'payment_notice_invalid', details: error instanceof AppError ? error.details : undefined },
      'payment notice failed verification',
    )
    throw error
  }
  return settleTradeReport(deps, report, 'notice', now)
}
