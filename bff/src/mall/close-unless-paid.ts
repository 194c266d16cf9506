import type { PaymentProvider, TradeReport } from './payment-provider'

/**
 * Closes the provider's order so it can no longer be paid, unless it already was. Asks before and after the
 * close: a shopper can pay in the instant between the first answer and the close, and WeChat then refuses the
 * close (ORDERPAID), which the adapter does not treat as an error. Returns the paid report, or null once the order
 * is closed or was never paid. Throws when the provider cannot be asked. `asked` is an answer the caller already has.
 */
export async function closeUnlessPaid(
  payments: PaymentProvider,
  outTradeNo: string,
  asked?: TradeReport,
): Promise<TradeReport | null> {
  const before = asked ?? (await payments.queryOrder(outTradeNo))
  if (before.tradeState === 'SUCCESS') return before
  await payments.closeOrder(outTradeNo)
  const after = await payments.queryOrder(outTradeNo)
  return after.tradeState === 'SUCCESS' ? after : null
}
