import type { TradeReport, TradeState } from '../payment-provider'

/** A transaction as WeChat Pay API v3 sends it, in queries and inside TRANSACTION.* notices. */
export interface WechatTransaction {
  appid: string
  mchid: string
  out_trade_no: string
  /** WeChat's own id; absent until the order is paid. */
  transaction_id?: string
  trade_type?: string
  trade_state: TradeState
  trade_state_desc?: string
  bank_type?: string
  attach?: string
  /** RFC 3339 with offset; absent until the order is paid. */
  success_time?: string
  payer?: { openid?: string }
  /** Amounts in fen. */
  amount?: { total?: number; payer_total?: number; currency?: string; payer_currency?: string }
}

const tradeStates: ReadonlySet<string> = new Set<TradeState>([
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
])

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0
const optionalString = (value: unknown) => value === undefined || isString(value)

/** True when the transaction says its amount is in yuan (CNY), and the payer's too when that is given. */
export function isCnyTransaction(value: unknown): boolean {
  const amount = (value as { amount?: { currency?: unknown; payer_currency?: unknown } } | null)?.amount
  if (typeof amount !== 'object' || amount === null || amount.currency !== 'CNY') return false
  return amount.payer_currency === undefined || amount.payer_currency === 'CNY'
}

/** Reads a transaction from parsed JSON; null when any field we rely on is missing or of the wrong type. */
export function tradeReportFrom(value: unknown): TradeReport | null {
  if (typeof value !== 'object' || value === null) return null
  const t = value as Record<string, unknown>
  if (!isString(t.out_trade_no) || !isString(t.mchid) || !isString(t.appid)) return null
  if (!isString(t.trade_state) || !tradeStates.has(t.trade_state)) return null
  if (!optionalString(t.transaction_id) || !optionalString(t.success_time)) return null
  const amount = t.amount as { total?: unknown } | undefined
  if (amount !== undefined && (typeof amount !== 'object' || amount === null)) return null
  // A query answer may leave the amount out (an order not yet paid); one that names a currency must name CNY.
  if (amount !== undefined && !isCnyTransaction(t)) return null
  const total = amount?.total
  if (total !== undefined && !Number.isSafeInteger(total)) return null
  return {
    outTradeNo: t.out_trade_no,
    tradeState: t.trade_state as TradeState,
    transactionId: (t.transaction_id as string | undefined) ?? null,
    amountFen: (total as number | undefined) ?? null,
    mchid: t.mchid,
    appid: t.appid,
    successTime: (t.success_time as string | undefined) ?? null,
  }
}
