import { newId } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

/** Appends what the payment service said or what we did about it: the trail reconciliation reads. */
export async function recordPaymentEvent(
  db: Kysely<Database> | Transaction<Database>,
  event: {
    outTradeNo: string
    redemptionId: string | null
    event: string
    detail: unknown
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('payment_events')
    .values({
      id: newId('pev', event.now.getTime()),
      out_trade_no: event.outTradeNo,
      redemption_id: event.redemptionId,
      event: event.event,
      detail: JSON.stringify(event.detail),
      created_at: event.now.toISOString(),
    })
    .execute()
}
