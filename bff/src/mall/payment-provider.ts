import type { PaymentParams } from '@mc/shared'

/** One payment order as the mall asks for it; `outTradeNo` is ours and unique per redemption. */
export interface PaymentOrderRequest {
  outTradeNo: string
  description: string
  amountFen: number
  /** The payer's WeChat openid (JSAPI needs it); null for members without one (local provider only). */
  payerOpenid: string | null
  /** WeChat stops taking payment at this time (`time_expire`). */
  expiresAt: Date
}

/** WeChat Pay's trade states (API v3 `trade_state`). */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR'

/** What the payment provider says about one order, from a query or a verified, decrypted notice. */
export interface TradeReport {
  outTradeNo: string
  tradeState: TradeState
  transactionId: string | null
  /** `amount.total` in fen, null when the provider did not say. */
  amountFen: number | null
  mchid: string
  appid: string
  successTime: string | null
}

/**
 * The headers and raw body of a notice, exactly as they arrived: the HTTP route passes the bytes themselves, so
 * nothing (a UTF-8 decoder dropping a byte-order mark, say) changes what the signature is checked over.
 */
export interface RawNotice {
  headers: Record<string, string | undefined>
  body: string | Uint8Array
}

/** A notice made in this process (the local provider, tests playing WeChat): its body is the text that was signed. */
export interface TextNotice extends RawNotice {
  body: string
}

/**
 * The mall's only view of a payment service. Two implementations: the WeChat Pay API v3 client and the local
 * provider used in development and the H5 demo. Both deliver their success notices in WeChat's signed and
 * encrypted format, so one notice path serves both.
 */
export interface PaymentProvider {
  readonly kind: 'wechat' | 'local'
  /** Merchant id and app id a genuine notice must carry for our orders. */
  readonly mchid: string
  readonly appid: string
  /** Creates (or, for the same out_trade_no, finds again) the order and signs what the client pays with. */
  createOrder(order: PaymentOrderRequest): Promise<PaymentParams>
  queryOrder(outTradeNo: string): Promise<TradeReport>
  closeOrder(outTradeNo: string): Promise<void>
  refund(request: {
    outTradeNo: string
    outRefundNo: string
    refundFen: number
    totalFen: number
    reason: string
  }): Promise<{ refundId: string; status: string }>
  /**
   * Verifies the notice's platform signature over the raw body (and its timestamp), decrypts the
   * AES-256-GCM resource and returns the transaction it reports. Throws AppError('PAYMENT_NOTICE_INVALID')
   * for anything not provably from the payment service; nothing is trusted before this returns.
   */
  openNotice(notice: RawNotice, now: Date): TradeReport
}
