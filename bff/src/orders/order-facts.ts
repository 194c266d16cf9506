import { AppError, type OrderEvent, type TierState } from '@mc/shared'
import { sql, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'
import { latestVersionColumn } from '../program/published-program'
import type { OrderRow } from './order-earning'
import { parkedWaitingOn } from './order-statements'
import { firstOrderStandingOf } from '../tasks/first-order'

/** What an order event needs to know before it writes, read together. */
export interface OrderFacts {
  member: { id: string; birthday: string | null; closed_at: string | null }
  /** The latest published program version: the rules this event is applied under unless the caller chose. */
  programVersion: number
  order: OrderRow | undefined
  /** The member's tier row; null when they have none yet (the entry tier). */
  tier: TierState | null
  /**
   * Whether the member holds a first-order credit that still stands, and whether events wait parked on this order.
   * Known (read here) only where the transaction holds the database's write lock from its start (SQLite), so
   * nothing can change them before the event writes; undefined on PostgreSQL, which asks at the moment it needs
   * them, under the account lock (first-order.ts) or after the order is inserted.
   */
  firstOrderStanding?: boolean
  parkedWaiting?: boolean
  /**
   * The member's growth account is locked by this transaction from here on: SQLite's writer holds the database; a
   * PostgreSQL payment locked the account in this read (not when the member has none yet).
   */
  growthLocked: boolean
}

/**
 * One statement for the member an event names (by id, else openid, else phone), their tier, the order, and the
 * latest program version, where the order path used to make four. Unknown member → 404 MEMBER_NOT_FOUND.
 */
export async function readOrderFacts(
  trx: Transaction<Database>,
  event: Pick<OrderEvent, 'type' | 'data'>,
): Promise<OrderFacts> {
  const { member, orderId } = event.data
  const [query, memberKey] = member.memberId
    ? [factsById, member.memberId]
    : member.openid
      ? [factsByOpenid, member.openid]
      : [factsByPhone, member.phone!]
  const lockGrowth = event.type === 'order.paid'
  const row = await query.takeFirst(trx, { memberKey, orderId, lockGrowth })
  if (!row) throw new AppError('MEMBER_NOT_FOUND', { member: Object.keys(member) })
  if (row.program_version === null) throw new Error('no program rules are published; run the migrations and seed')
  const serialised = !isPostgres(trx)
  return {
    member: { id: row.id, birthday: row.birthday, closed_at: row.closed_at },
    programVersion: Number(row.program_version),
    order: row.o_order_id === null ? undefined : orderOf(row),
    tier: row.tier_key === null ? null : { key: row.tier_key, validUntil: row.valid_until },
    firstOrderStanding: serialised ? Boolean(row.first_order_standing) : undefined,
    parkedWaiting: serialised ? Boolean(row.parked_waiting) : undefined,
    growthLocked: serialised || (lockGrowth && row.growth_locked !== null),
  }
}

/** The advisory lock class of order ids (two-key form: apart from the one-key locks of failed-attempts.ts). */
const orderLockClass = 4301

/** The facts statement for members named by one column, compiled once per database handle. */
const factsBy = (column: 'm.id' | 'm.openid' | 'm.phone') =>
  preparedQuery<{ memberKey: string; orderId: string; lockGrowth: boolean }>()((db, p) =>
    db
      .selectFrom('members as m')
      .leftJoin('member_tiers as t', 't.member_id', 'm.id')
      .leftJoin('orders as o', (join) => join.on('o.order_id', '=', p.orderId))
      .select(['m.id', 'm.birthday', 'm.closed_at', 't.tier_key', 't.valid_until'])
      .select([
        'o.order_id as o_order_id',
        'o.member_id as o_member_id',
        'o.status as o_status',
        'o.paid_fen as o_paid_fen',
        'o.refunded_fen as o_refunded_fen',
        'o.growth_earned as o_growth_earned',
        'o.points_earned as o_points_earned',
        'o.growth_credited as o_growth_credited',
        'o.points_credited as o_points_credited',
        'o.growth_entry_id as o_growth_entry_id',
        'o.points_entry_id as o_points_entry_id',
        'o.rule_version as o_rule_version',
        'o.outlet_id as o_outlet_id',
        'o.source as o_source',
        'o.paid_at as o_paid_at',
        'o.completed_at as o_completed_at',
      ])
      .select(latestVersionColumn)
      // PostgreSQL: the order's lock, held to the commit, so a refund or completion that finds no order here
      // and a payment of that order never both miss each other (see `paidMeanwhile`, apply-order-event.ts).
      .$if(isPostgres(db), (qb) =>
        qb
          .select(sql<string>`pg_advisory_xact_lock(${orderLockClass}, hashtext(${p.orderId}))`.as('order_lock'))
          // A payment also locks the member's growth account here, after the order's lock (the columns are
          // evaluated in order): it would lock it before its first-order check anyway (first-order.ts), and
          // holding it from here lets the order's insert answer that check (order-statements.ts).
          .select((eb) =>
            eb
              .selectFrom('ledger_accounts as ga')
              .select('ga.version')
              .whereRef('ga.member_id', '=', 'm.id')
              .where('ga.ledger', '=', 'growth')
              .where(sql<boolean>`${p.lockGrowth}::boolean`)
              .forUpdate()
              .as('growth_locked'),
          ),
      )
      // Where the transaction holds the write lock from its start (SQLite), also what nothing can change before
      // the event writes; PostgreSQL asks these when it needs them (see OrderFacts).
      .$if(!isPostgres(db), (qb) =>
        qb.select((eb) => [firstOrderStandingOf(eb, eb.ref('m.id')), parkedWaitingOn(eb, p.orderId)]),
      )
      .where(column, '=', p.memberKey),
  )
const factsById = factsBy('m.id')
const factsByOpenid = factsBy('m.openid')
const factsByPhone = factsBy('m.phone')

/** The order's columns as the left join answers them: prefixed, and null when there is no order. */
type JoinedOrder = { [K in keyof OrderRow as `o_${K}`]: OrderRow[K] | null }

function orderOf(row: JoinedOrder): OrderRow {
  return {
    order_id: row.o_order_id!,
    member_id: row.o_member_id!,
    status: row.o_status!,
    paid_fen: row.o_paid_fen!,
    refunded_fen: row.o_refunded_fen!,
    growth_earned: row.o_growth_earned!,
    points_earned: row.o_points_earned!,
    growth_credited: row.o_growth_credited!,
    points_credited: row.o_points_credited!,
    growth_entry_id: row.o_growth_entry_id,
    points_entry_id: row.o_points_entry_id,
    rule_version: row.o_rule_version!,
    outlet_id: row.o_outlet_id,
    source: row.o_source!,
    paid_at: row.o_paid_at!,
    completed_at: row.o_completed_at,
  }
}
