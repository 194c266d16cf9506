import { AppError } from '@mc/shared'
import type { PaymentProvider, TradeReport } from '../payment-provider'
import { openNotice } from './notice'
import { paymentParamsFor } from './payment-params'
import { loadPlatformKeys } from './platform-keys'
import { apiV3KeyBytes } from './resource-cipher'
import { beijingTime, toPrivateKey } from './rsa-signature'
import { tradeReportFrom } from './transaction'
import { createWechatPayClient } from './wechat-pay-client'

/** Everything the WeChat Pay API v3 adapter needs; keys are PEM text, as they come from the environment. */
export interface WechatPayConfig {
  mchid: string
  appid: string
  /** Serial of the merchant API certificate, sent as `serial_no` so WeChat knows which key signed. */
  merchantSerialNo: string
  merchantPrivateKeyPem: string
  /** The 32-character APIv3 key that decrypts notice resources. */
  apiV3Key: string
  /** Platform certificates or 微信支付公钥 PEMs by serial (`PUB_KEY_ID_…` in public-key mode). */
  platformKeys: Record<string, string>
  /** Where WeChat posts payment notices; must be https and reachable from the internet. */
  notifyUrl: string
  /** https://api.mch.weixin.qq.com unless a test points it at a local fake. */
  baseUrl?: string
  fetch?: typeof fetch
  /** Per-call timeout in milliseconds; 5000 by default. */
  timeoutMs?: number
  /** The clock response timestamps are checked against; the system clock by default. */
  now?: () => Date
}

const unavailable = (details: Record<string, unknown>) => new AppError('PAYMENT_UNAVAILABLE', details)
const wechatCodeOf = (error: unknown) => (error instanceof AppError ? error.details?.wechatCode : undefined)
const pathSegment = (value: string) => encodeURIComponent(value)

/**
 * The WeChat Pay API v3 provider (JSAPI). Keys are parsed here, so a misconfigured key stops the BFF at start-up
 * instead of failing the first shopper's payment.
 */
export function createWechatPayProvider(config: WechatPayConfig): PaymentProvider {
  const { mchid, appid } = config
  apiV3KeyBytes(config.apiV3Key)
  const merchantPrivateKey = toPrivateKey(config.merchantPrivateKeyPem)
  const platformKeys = loadPlatformKeys(config.platformKeys)
  if (platformKeys.size === 0) throw new Error('WeChat Pay needs at least one platform key')
  const call = createWechatPayClient({
    mchid,
    merchantSerialNo: config.merchantSerialNo,
    merchantPrivateKey,
    platformKeys,
    baseUrl: config.baseUrl ?? 'https://api.mch.weixin.qq.com',
    fetch: config.fetch ?? fetch,
    timeoutMs: config.timeoutMs ?? 5000,
    now: config.now ?? (() => new Date()),
  })
  const noticeKeys = { platformKeys, apiV3Key: config.apiV3Key }

  return {
    kind: 'wechat',
    mchid,
    appid,
    async createOrder(order) {
      if (!order.payerOpenid) throw unavailable({ reason: 'openid required' })
      const { json } = await call('POST', '/v3/pay/transactions/jsapi', {
        appid,
        mchid,
        description: order.description,
        out_trade_no: order.outTradeNo,
        time_expire: beijingTime(order.expiresAt),
        notify_url: config.notifyUrl,
        amount: { total: order.amountFen, currency: 'CNY' },
        payer: { openid: order.payerOpenid },
      })
      const prepayId = (json as { prepay_id?: unknown } | null)?.prepay_id
      if (typeof prepayId !== 'string' || prepayId === '') throw unavailable({ status: 200, reason: 'no prepay_id' })
      return paymentParamsFor(prepayId, { appid, merchantPrivateKey })
    },
    async queryOrder(outTradeNo) {
      let json: unknown
      try {
        ;({ json } = await call(
          'GET',
          `/v3/pay/transactions/out-trade-no/${pathSegment(outTradeNo)}?mchid=${pathSegment(mchid)}`,
        ))
      } catch (error) {
        // An order WeChat never saw was never paid; the mall treats it like one still waiting.
        if (wechatCodeOf(error) === 'ORDER_NOT_EXIST') return notPaid(outTradeNo, mchid, appid)
        throw error
      }
      const report = tradeReportFrom(json)
      if (!report || report.outTradeNo !== outTradeNo)
        throw unavailable({ status: 200, reason: 'malformed transaction' })
      return report
    },
    async closeOrder(outTradeNo) {
      try {
        await call('POST', `/v3/pay/transactions/out-trade-no/${pathSegment(outTradeNo)}/close`, { mchid })
      } catch (error) {
        // A paid order stays paid, as with the local provider; callers query afterwards to learn which happened.
        if (wechatCodeOf(error) === 'ORDERPAID') return
        throw error
      }
    },
    async refund(request) {
      const { json } = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: request.outTradeNo,
        out_refund_no: request.outRefundNo,
        reason: request.reason,
        amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
      })
      const answer = json as { refund_id?: unknown; status?: unknown } | null
      if (typeof answer?.refund_id !== 'string' || typeof answer.status !== 'string') {
        throw unavailable({ status: 200, reason: 'malformed refund' })
      }
      return { refundId: answer.refund_id, status: answer.status }
    },
    openNotice: (notice, now) => openNotice(notice, noticeKeys, now),
  }
}

function notPaid(outTradeNo: string, mchid: string, appid: string): TradeReport {
  return { outTradeNo, tradeState: 'NOTPAY', transactionId: null, amountFen: null, mchid, appid, successTime: null }
}
