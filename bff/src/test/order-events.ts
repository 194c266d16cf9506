import type { OrderEvent } from '@mc/shared'
import { signWebhook } from '../http/webhook-signature'
import { testWebhookSecret, type TestApp } from './test-app'

let sequence = 0

/** An order event as a shop system would send it; `over` replaces any part. */
export function orderEvent(
  type: OrderEvent['type'],
  orderId: string,
  member: OrderEvent['data']['member'],
  amountFen: number,
  over: Partial<OrderEvent['data']> & { id?: string; occurredAt?: string } = {},
): OrderEvent {
  const { id, occurredAt, ...data } = over
  sequence += 1
  return {
    id: id ?? `evt_${orderId}_${type}_${sequence}`,
    type,
    occurredAt: occurredAt ?? '2026-11-23T02:00:00.000Z',
    data: { orderId, member, amountFen, ...data },
  }
}

/** POSTs to /webhooks/orders, signed over the exact bytes sent, unless told otherwise. */
export async function sendOrderEvent(
  t: TestApp,
  event: unknown,
  options: {
    rawBody?: string
    secret?: string
    timestamp?: string
    signature?: string | null
  } = {},
) {
  const rawBody = options.rawBody ?? JSON.stringify(event)
  const timestamp = options.timestamp ?? String(Math.floor(t.clock.now().getTime() / 1000))
  const signature =
    options.signature === undefined
      ? signWebhook(options.secret ?? testWebhookSecret, timestamp, rawBody)
      : options.signature
  const response = await t.app.request('/webhooks/orders', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-mc-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-mc-signature': signature }),
    },
    body: rawBody,
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** Counts rows that any posting writes, to prove a refused request wrote nothing. */
export async function ledgerFootprint(t: TestApp) {
  const count = async (
    table: 'ledger_entries' | 'ledger_lots' | 'orders' | 'idempotency_records' | 'parked_order_events',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    entries: await count('ledger_entries'),
    lots: await count('ledger_lots'),
    orders: await count('orders'),
    idempotency: await count('idempotency_records'),
    parked: await count('parked_order_events'),
  }
}

/** A member's entries as (ledger, kind, amount), growth first, each ledger in posting order. */
export function entryKinds(t: TestApp, memberId: string) {
  return t.db
    .selectFrom('ledger_entries')
    .select(['ledger', 'kind', 'amount'])
    .where('member_id', '=', memberId)
    .orderBy('ledger')
    .orderBy('account_version')
    .execute()
}
