import type { OrderEvent } from '@mc/shared'
import { signWebhook } from '../../src/http/webhook-signature'
import { e2eClock } from './e2e-clock'
import { e2eWebhookSecret } from './h5-server'

/**
 * POSTs one order event to the running server's /webhooks/orders, signed over the exact body as a shop would,
 * stamped with the server's (e2e) time so the signature is fresh to it.
 */
export async function postOrderEvent(baseUrl: string, event: OrderEvent): Promise<{ status: number; body: unknown }> {
  const rawBody = JSON.stringify(event)
  const timestamp = String(Math.floor(e2eClock.now().getTime() / 1000))
  const response = await fetch(`${baseUrl}/webhooks/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-mc-timestamp': timestamp,
      'x-mc-signature': signWebhook(e2eWebhookSecret, timestamp, rawBody),
    },
    body: rawBody,
  })
  return { status: response.status, body: await response.json() }
}

/**
 * Pays and completes an order for the member with `phone`, so its growth and points are credited; throws if
 * the shop system would have seen an error.
 */
export async function completeOrder(baseUrl: string, phone: string, orderId: string, amountFen: number): Promise<void> {
  for (const type of ['order.paid', 'order.completed'] as const) {
    const event: OrderEvent = {
      id: `evt_${orderId}_${type}`,
      type,
      occurredAt: e2eClock.now().toISOString(),
      data: { orderId, member: { phone }, amountFen },
    }
    const { status, body } = await postOrderEvent(baseUrl, event)
    if (status !== 200) throw new Error(`${type} for ${orderId} answered ${status}: ${JSON.stringify(body)}`)
  }
}

/** Refunds part of a completed order, which takes back growth and points in proportion. */
export async function refundOrder(
  baseUrl: string,
  phone: string,
  orderId: string,
  amountFen: number,
  refundAmountFen: number,
) {
  const event: OrderEvent = {
    id: `evt_${orderId}_refund`,
    type: 'order.refunded',
    occurredAt: e2eClock.now().toISOString(),
    data: { orderId, member: { phone }, amountFen, refundId: `${orderId}-r1`, refundAmountFen },
  }
  const { status, body } = await postOrderEvent(baseUrl, event)
  if (status !== 200) throw new Error(`order.refunded for ${orderId} answered ${status}: ${JSON.stringify(body)}`)
}
