import { AppError } from '@mc/shared'
import { generateKeyPairSync, randomBytes, randomInt, type KeyObject } from 'node:crypto'
import type { PaymentProvider, TextNotice, TradeState } from './payment-provider'
import { buildNotice, openNotice, type NoticeKeys } from './wechat-pay/notice'
import { beijingTime } from './wechat-pay/rsa-signature'
import type { WechatTransaction } from './wechat-pay/transaction'

/** The local provider adds one thing to the port: playing the shopper who pays and WeChat who then notifies. */
export interface LocalPaymentProvider extends PaymentProvider {
  readonly kind: 'local'
  /** Marks the order paid (idempotent) and returns the notice WeChat would post, to feed to the notice route. */
  pay(outTradeNo: string, now: Date): TextNotice
}

/** One order the local provider holds; `successTime` is set with `transactionId` when it is paid. */
interface LocalOrder {
  amountFen: number
  description: string
  state: TradeState
  transactionId: string | null
  successTime: string | null
  /** out_refund_no → [refund id, fen], so a retried refund returns the first answer. */
  refunds: Map<string, [string, number]>
}

const platformSerial = 'LOCAL_PLATFORM_KEY'

/** The keys the local provider signs and encrypts its notices with, and the same keys as `openNotice` needs them. */
interface PlatformIdentity {
  privateKey: KeyObject
  noticeKeys: NoticeKeys
}

function newPlatformIdentity(): PlatformIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKey,
    noticeKeys: { platformKeys: new Map([[platformSerial, publicKey]]), apiV3Key: randomBytes(16).toString('hex') },
  }
}

const unavailable = (reason: string) => new AppError('PAYMENT_UNAVAILABLE', { reason })

/**
 * An in-memory payment service for development and the H5 demo. It owns a platform key pair and an APIv3 key
 * that no other instance shares, and `pay` returns a notice signed and encrypted with them, so a local payment
 * reaches the mall through the same `openNotice` checks as a real one: the notice path is exercised, never bypassed.
 */
export function createLocalPaymentProvider(options: { mchid?: string; appid?: string } = {}): LocalPaymentProvider {
  const mchid = options.mchid ?? 'local_mch'
  const appid = options.appid ?? 'local_app'
  // Made on first use rather than here: RSA generation takes ~200 ms, and most test apps never pay.
  let platform: PlatformIdentity | undefined
  const platformKeys = () => (platform ??= newPlatformIdentity())
  const orders = new Map<string, LocalOrder>()

  return {
    kind: 'local',
    mchid,
    appid,
    async createOrder({ outTradeNo, amountFen, description }) {
      const existing = orders.get(outTradeNo)
      if (existing && existing.amountFen !== amountFen) throw unavailable('out_trade_no reused with a different amount')
      if (existing?.state === 'CLOSED') throw unavailable('order closed')
      if (!existing)
        orders.set(outTradeNo, {
          amountFen,
          description,
          state: 'NOTPAY',
          transactionId: null,
          successTime: null,
          refunds: new Map(),
        })
      const order = orders.get(outTradeNo)!
      return { provider: 'local', outTradeNo, amountFen: order.amountFen, description: order.description }
    },
    async queryOrder(outTradeNo) {
      const order = orders.get(outTradeNo)
      if (!order)
        return {
          outTradeNo,
          tradeState: 'NOTPAY',
          transactionId: null,
          amountFen: null,
          mchid,
          appid,
          successTime: null,
        }
      return {
        outTradeNo,
        tradeState: order.state,
        transactionId: order.transactionId,
        amountFen: order.amountFen,
        mchid,
        appid,
        successTime: order.successTime,
      }
    },
    async closeOrder(outTradeNo) {
      const order = orders.get(outTradeNo)
      if (order?.state === 'NOTPAY') order.state = 'CLOSED'
    },
    async refund({ outTradeNo, outRefundNo, refundFen, totalFen }) {
      const order = orders.get(outTradeNo)
      if (!order || (order.state !== 'SUCCESS' && order.state !== 'REFUND')) throw unavailable('order not paid')
      const earlier = order.refunds.get(outRefundNo)
      if (earlier) return { refundId: earlier[0], status: 'SUCCESS' }
      const refunded = [...order.refunds.values()].reduce((sum, [, fen]) => sum + fen, 0)
      if (totalFen !== order.amountFen || refundFen <= 0 || refunded + refundFen > order.amountFen)
        throw unavailable('refund exceeds payment')
      const refundId = `50000000${Date.now()}${randomInt(1e6).toString().padStart(6, '0')}`
      order.refunds.set(outRefundNo, [refundId, refundFen])
      order.state = 'REFUND'
      return { refundId, status: 'SUCCESS' }
    },
    pay(outTradeNo, now) {
      const order = orders.get(outTradeNo)
      if (!order) throw unavailable('unknown order')
      if (order.state === 'CLOSED') throw unavailable('order closed')
      if (order.state === 'NOTPAY') {
        order.state = 'SUCCESS'
        order.transactionId = `4200000000${Date.now()}${randomInt(1e6).toString().padStart(6, '0')}`
        order.successTime = beijingTime(now)
      }
      // A repeated or post-refund pay re-sends the original success, as WeChat re-sends notices until acknowledged.
      const paid: WechatTransaction = {
        appid,
        mchid,
        out_trade_no: outTradeNo,
        transaction_id: order.transactionId!,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
        success_time: order.successTime!,
        amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY', payer_currency: 'CNY' },
      }
      const { privateKey, noticeKeys } = platformKeys()
      return buildNotice(paid, {
        platformPrivateKey: privateKey,
        serial: platformSerial,
        apiV3Key: noticeKeys.apiV3Key,
        now,
      })
    },
    openNotice: (notice, now) => openNotice(notice, platformKeys().noticeKeys, now),
  }
}
