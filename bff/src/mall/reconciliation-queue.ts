import { reconciliationKindLabels, type ReconciliationItem, type ReconciliationKind } from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, PaymentEventsTable } from '../db/schema'

type EventRow = Selectable<PaymentEventsTable>

/** Payment reports that matched no order or did not match theirs: refused, and waiting for a person. */
export const unmatchedPaymentEvents = { unknown_order: 'unknown_order', mismatch: 'payment_mismatch' } as const

/** The trail events that say how a flagged redemption's refund stands; the last one decides its kind. */
export const refundEvents = ['refund_failed', 'refund_requested', 'late_success_refunded']

/** A flagged redemption whose last refund attempt failed needs the refund; otherwise only a check. */
export const flaggedKind = (lastEvent: string | undefined): ReconciliationKind =>
  lastEvent === 'refund_failed' ? 'refund_failed' : 'late_payment_refunded'

/** A queue is a to-do list, not an archive: the oldest entries beyond this wait for the newer to be handled. */
const queueLimit = 200

const detailOf = (row: EventRow) => ({ event: row.event, detail: JSON.parse(row.detail), createdAt: row.created_at })

/**
 * Everything about payments that needs a person, newest first: redemptions flagged for reconciliation (a cash
 * refund that failed, or a late payment refunded automatically) and payment reports that were refused because
 * they matched no order or not theirs. Repeated deliveries of one report are one entry.
 */
export async function reconciliationQueue(db: Kysely<Database>): Promise<ReconciliationItem[]> {
  const [redemptions, unmatched] = await Promise.all([flaggedRedemptions(db), unmatchedReports(db)])
  return [...redemptions, ...unmatched].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1))
}

async function flaggedRedemptions(db: Kysely<Database>): Promise<ReconciliationItem[]> {
  const rows = await db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('needs_reconciliation', '=', 1)
    .orderBy('id', 'desc')
    .limit(queueLimit)
    .execute()
  if (rows.length === 0) return []
  const events = await db
    .selectFrom('payment_events')
    .selectAll()
    .where(
      'redemption_id',
      'in',
      rows.map((row) => row.id),
    )
    .where('event', 'in', refundEvents)
    .orderBy('id')
    .execute()
  const lastEvent = new Map(events.map((event) => [event.redemption_id, event]))
  return rows.map((row) => {
    const last = lastEvent.get(row.id) ?? null
    const kind = flaggedKind(last?.event)
    return {
      id: row.id,
      kind,
      kindLabel: reconciliationKindLabels[kind],
      redemptionId: row.id,
      outTradeNo: row.out_trade_no,
      itemTitle: row.item_title,
      cashFen: row.cash_fen,
      refundNo: row.refund_no,
      refundReason: row.refund_reason,
      lastEvent: last && detailOf(last),
      actions: kind === 'refund_failed' ? ['retry_refund', 'resolve'] : ['resolve'],
      createdAt: last?.created_at ?? row.updated_at,
    }
  })
}

async function unmatchedReports(db: Kysely<Database>): Promise<ReconciliationItem[]> {
  const rows = await db
    .selectFrom('payment_events')
    .leftJoin('mall_redemptions', 'mall_redemptions.id', 'payment_events.redemption_id')
    .selectAll('payment_events')
    .select(['mall_redemptions.item_title', 'mall_redemptions.cash_fen'])
    .where('payment_events.event', 'in', Object.keys(unmatchedPaymentEvents))
    .where('payment_events.resolved_at', 'is', null)
    .orderBy('payment_events.id', 'desc')
    .limit(queueLimit * 5)
    .execute()
  const newestPerReport = new Map<string, (typeof rows)[number]>()
  for (const row of rows) {
    const key = `${row.event}:${row.out_trade_no}`
    if (!newestPerReport.has(key)) newestPerReport.set(key, row)
  }
  return [...newestPerReport.values()].slice(0, queueLimit).map((row) => {
    const kind = unmatchedPaymentEvents[row.event as keyof typeof unmatchedPaymentEvents]
    return {
      id: row.id,
      kind,
      kindLabel: reconciliationKindLabels[kind],
      redemptionId: row.redemption_id,
      outTradeNo: row.out_trade_no,
      itemTitle: row.item_title,
      cashFen: row.cash_fen,
      refundNo: null,
      refundReason: null,
      lastEvent: detailOf(row),
      actions: ['resolve'],
      createdAt: row.created_at,
    }
  })
}
