import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import { anyQueryBuilder } from '../db/any-query-builder'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'
import type { OrderRow } from './order-earning'
import { firstOrderStandingOf } from '../tasks/first-order'

/** The order path's writes that run with every payment, compiled once per database handle (prepared-query.ts). */

const paidOrderInsert = (db: Kysely<Database>, p: OrderRow) =>
  db
    .insertInto('orders')
    .values({
      order_id: p.order_id,
      member_id: p.member_id,
      status: p.status,
      paid_fen: p.paid_fen,
      refunded_fen: p.refunded_fen,
      growth_earned: p.growth_earned,
      points_earned: p.points_earned,
      growth_credited: p.growth_credited,
      points_credited: p.points_credited,
      growth_entry_id: p.growth_entry_id,
      points_entry_id: p.points_entry_id,
      rule_version: p.rule_version,
      outlet_id: p.outlet_id,
      source: p.source,
      paid_at: p.paid_at,
      completed_at: p.completed_at,
    })
    .onConflict((oc) => oc.column('order_id').doNothing())

const insertOnly = preparedQuery<OrderRow>()(paidOrderInsert)
/** The same insert, answering whether the member holds a first-order credit, asked once the insert runs. */
const insertAskingFirstOrder = preparedQuery<OrderRow>()((db, p) =>
  paidOrderInsert(db, p).returning((eb) => firstOrderStandingOf(eb, p.member_id)),
)

/**
 * Inserts a paid order unless one of its id exists: the guard against paying an order twice (see `applyPaid`);
 * `inserted` is false when the order was taken. When the transaction holds the member's growth account locked on
 * PostgreSQL (order-facts.ts), the insert also answers the first-order check (first-order.ts) that would otherwise
 * lock and ask in two more round trips: its snapshot is taken after that lock, so it sees every first-order credit
 * committed, and none can be written meanwhile by another transaction, since that must lock the account first.
 */
export async function insertPaidOrder(
  trx: Transaction<Database>,
  order: OrderRow,
  growthLocked: boolean,
): Promise<{ inserted: boolean; firstOrderStanding?: boolean }> {
  if (!growthLocked || !isPostgres(trx)) return { inserted: (await insertOnly.affected(trx, order)) > 0n }
  const row = await insertAskingFirstOrder.takeFirst(trx, order)
  return row ? { inserted: true, firstOrderStanding: Boolean(row.first_order_standing) } : { inserted: false }
}

type Credited = { orderId: string; amount: number; entryId: string }

/** The order's columns that record one ledger's credit. */
export const creditedColumns = (ledger: 'growth' | 'points', p: Credited) =>
  ledger === 'growth'
    ? { growth_credited: p.amount, growth_entry_id: p.entryId }
    : { points_credited: p.amount, points_entry_id: p.entryId }

const recordCreditOnly = (ledger: 'growth' | 'points') =>
  preparedQuery<Credited>()((db, p) =>
    db.updateTable('orders').set(creditedColumns(ledger, p)).where('order_id', '=', p.orderId),
  )

/**
 * The same write on PostgreSQL, also answering whether events wait parked on the order: the question
 * `applyParked` asks right after it, at the same point of the transaction, without a round trip of its own.
 */
const recordCreditAskingParked = (ledger: 'growth' | 'points') =>
  preparedQuery<Credited>()((db, p) =>
    db
      .with('credited', (qc) =>
        qc
          .updateTable('orders')
          .set(creditedColumns(ledger, p))
          .where('order_id', '=', p.orderId)
          .returning('order_id'),
      )
      .selectNoFrom((eb) => parkedWaitingOn(eb, p.orderId)),
  )

/**
 * Whether events wait parked on the order, as a column of a statement that reads or writes something else: SQLite
 * asks it with the event's first read (order-facts.ts), PostgreSQL with the credit (above).
 */
export function parkedWaitingOn<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  orderId: string,
) {
  const { exists, selectFrom } = anyQueryBuilder(eb)
  return exists(
    selectFrom('parked_order_events as pe')
      .select('pe.event_id')
      .where('pe.order_id', '=', orderId)
      .where('pe.applied_at', 'is', null),
  ).as('parked_waiting')
}

const statements = {
  growth: { only: recordCreditOnly('growth'), askingParked: recordCreditAskingParked('growth') },
  points: { only: recordCreditOnly('points'), askingParked: recordCreditAskingParked('points') },
}

/**
 * Records on the order what one ledger credited and under which entry. On PostgreSQL answers whether events wait
 * parked on the order; undefined on SQLite, whose order path knows it from its first read (order-facts.ts) and
 * cannot write inside a WITH.
 */
export async function recordCredit(
  trx: Transaction<Database>,
  ledger: 'growth' | 'points',
  credited: Credited,
): Promise<boolean | undefined> {
  if (!isPostgres(trx)) {
    await statements[ledger].only.affected(trx, credited)
    return undefined
  }
  const row = await statements[ledger].askingParked.takeFirstOrThrow(trx, credited)
  return Boolean(row.parked_waiting)
}
