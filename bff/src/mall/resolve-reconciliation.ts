import { AppError, type ResolvedReconciliation } from '@mc/shared'
import type { Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { recordPaymentEvent } from './payment-events'
import { flaggedKind, refundEvents, unmatchedPaymentEvents } from './reconciliation-queue'
import { forUpdate } from '../db/engine'

/**
 * A person closes a reconciliation entry with a note saying what they checked or did (refunded by hand, confirmed
 * with the provider…). A flagged redemption is unflagged and the note joins its payment trail; a refused payment
 * report is marked resolved together with its repeated deliveries. Closing one twice is 404, as is an unknown id.
 */
export async function resolveReconciliation(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: string,
  itemId: string,
  note: string,
): Promise<ResolvedReconciliation> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const redemptionKind = await resolveRedemption(trx, actor, itemId, note, now)
    const kind = redemptionKind ?? (await resolveReport(trx, actor, itemId, note, now))
    await audit(trx, {
      actor,
      action: 'mall_reconciliation.resolve',
      targetType: redemptionKind ? 'mall_redemption' : 'payment_event',
      targetId: itemId,
      detail: { kind, note },
      now,
    })
    return { id: itemId, kind, resolvedAt: now.toISOString(), resolvedBy: actor, note }
  })
}

async function resolveRedemption(trx: Transaction<Database>, actor: string, id: string, note: string, now: Date) {
  const row = await forUpdate(
    trx,
    trx.selectFrom('mall_redemptions').select(['id', 'out_trade_no', 'needs_reconciliation']).where('id', '=', id),
  ).executeTakeFirst()
  if (!row) return null
  if (row.needs_reconciliation !== 1) throw new AppError('RECONCILIATION_NOT_FOUND', { itemId: id })
  const last = await trx
    .selectFrom('payment_events')
    .select('event')
    .where('redemption_id', '=', id)
    .where('event', 'in', refundEvents)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  await trx
    .updateTable('mall_redemptions')
    .set({ needs_reconciliation: 0, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
  await recordPaymentEvent(trx, {
    outTradeNo: row.out_trade_no ?? row.id,
    redemptionId: row.id,
    event: 'reconciled',
    detail: { note, actor },
    now,
  })
  return flaggedKind(last?.event)
}

async function resolveReport(trx: Transaction<Database>, actor: string, id: string, note: string, now: Date) {
  const event = await trx
    .selectFrom('payment_events')
    .select(['event', 'out_trade_no'])
    .where('id', '=', id)
    .where('event', 'in', Object.keys(unmatchedPaymentEvents))
    .where('resolved_at', 'is', null)
    .executeTakeFirst()
  if (!event) throw new AppError('RECONCILIATION_NOT_FOUND', { itemId: id })
  const resolved = await trx
    .updateTable('payment_events')
    .set({ resolved_at: now.toISOString(), resolved_by: actor, resolution_note: note })
    .where('event', '=', event.event)
    .where('out_trade_no', '=', event.out_trade_no)
    .where('resolved_at', 'is', null)
    .executeTakeFirst()
  if (Number(resolved.numUpdatedRows) === 0) throw new AppError('RECONCILIATION_NOT_FOUND', { itemId: id })
  return unmatchedPaymentEvents[event.event as keyof typeof unmatchedPaymentEvents]
}
