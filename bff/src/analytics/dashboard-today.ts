import { addDays, businessDayOf, businessDayStart, type DashboardToday } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/** Payment events that matched nothing or went wrong and wait for a person until someone resolves them. */
export const failedNoticeEvents = ['unknown_order', 'mismatch', 'refund_failed', 'create_failed'] as const

/** Points entries that are not new points: spending, lapsing, and the undoing of earlier entries. */
const notIssued = ['redeem', 'expiry', 'reversal', 'refund'] as const

/**
 * The home page's figures for the merchant's business day so far (its zone and day start from the published
 * rules), read from the day-indexed columns (`members_joined`, `sign_ins_day`, `ledger_entries_day`). With
 * `outletId` (a store manager) joins and credited orders are that store's; the rest has no store to narrow by.
 */
export async function dashboardToday(
  db: Kysely<Database>,
  now: Date,
  scope: { outletId: string | null },
): Promise<DashboardToday> {
  const { rules } = await publishedProgram(db)
  const calendar = rules.calendar
  const day = businessDayOf(now, calendar)
  const from = businessDayStart(day, calendar).toISOString()
  const to = businessDayStart(addDays(day, 1), calendar).toISOString()
  const { outletId } = scope
  const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0)

  const [outlet, joins, signIns, orders, issued, redeemed, reconciliation, failedNotices, toShip] = await Promise.all([
    outletId === null
      ? null
      : db.selectFrom('outlets').select(['id', 'name']).where('id', '=', outletId).executeTakeFirst(),
    db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('joined_at', '>=', from)
      .where('joined_at', '<', to)
      .$if(outletId !== null, (q) => q.where('source_outlet_id', '=', outletId))
      .executeTakeFirst(),
    db
      .selectFrom('sign_ins')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('business_day', '=', day)
      .executeTakeFirst(),
    db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.count('ledger_entries.ref_id').distinct().as('n'))
      .where('ledger_entries.business_day', '=', day)
      .where('ledger_entries.kind', '=', 'order')
      .where('ledger_entries.amount', '>', 0)
      .$if(outletId !== null, (q) =>
        q.innerJoin('orders', 'orders.order_id', 'ledger_entries.ref_id').where('orders.outlet_id', '=', outletId),
      )
      .executeTakeFirst(),
    db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))
      .where('business_day', '=', day)
      .where('ledger', '=', 'points')
      .where('amount', '>', 0)
      .where('kind', 'not in', notIssued)
      .executeTakeFirst(),
    db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))
      .where('business_day', '=', day)
      .where('ledger', '=', 'points')
      .where('kind', '=', 'redeem')
      .executeTakeFirst(),
    db
      .selectFrom('mall_redemptions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('needs_reconciliation', '=', 1)
      .executeTakeFirst(),
    db
      .selectFrom('payment_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('event', 'in', failedNoticeEvents)
      .where('resolved_at', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('mall_redemptions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'completed')
      .where('fulfilment', '=', 'delivery')
      .where('shipped_at', 'is', null)
      .executeTakeFirst(),
  ])
  const queue = count(reconciliation)
  return {
    businessDay: day,
    from,
    to,
    timeZone: calendar.timeZone,
    outlet: outlet ?? (outletId === null ? null : { id: outletId, name: outletId }),
    joins: count(joins),
    signIns: count(signIns),
    ordersCredited: count(orders),
    pointsIssued: count(issued),
    pointsRedeemed: Math.max(0, -count(redeemed)),
    pendingReconciliations: queue,
    attention: {
      failedNotices: count(failedNotices),
      deliveriesToShip: count(toShip),
      reconciliationQueue: queue,
    },
  }
}
