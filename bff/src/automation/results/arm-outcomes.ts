import { sql, type Kysely, type RawBuilder } from 'kysely'
import { isPostgres } from '../../db/engine'
import type { Database } from '../../db/schema'

/** Which decisions a result reads: one source, decided on business days `from`..`to`. */
export interface ResultScope {
  type: 'journey' | 'campaign'
  id: string
  from: string
  to: string
}

const scoped = (db: Kysely<Database>, s: ResultScope) =>
  db
    .selectFrom('engagement_sends as s')
    .where('s.source_type', '=', s.type)
    .where('s.source_id', '=', s.id)
    .where('s.business_day', '>=', s.from)
    .where('s.business_day', '<=', s.to)

/** Decisions by arm and outcome. */
export const decisionCounts = (db: Kysely<Database>, s: ResultScope) =>
  scoped(db, s)
    .select(['s.arm', 's.outcome', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['s.arm', 's.outcome'])
    .execute()

/** Decisions per business day and outcome, for the daily chart. */
export const dailyCounts = (db: Kysely<Database>, s: ResultScope) =>
  scoped(db, s)
    .select(['s.business_day', 's.outcome', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['s.business_day', 's.outcome'])
    .orderBy('s.business_day')
    .execute()

/** Outbox rows of the decisions by channel and state: delivered is 'sent'. */
export const channelStates = (db: Kysely<Database>, s: ResultScope) =>
  scoped(db, s)
    .innerJoin('outbox as x', 'x.send_id', 's.id')
    .select(['x.channel', 'x.state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['x.channel', 'x.state'])
    .execute()

/**
 * Coupons the decisions issued (their benefit claim is keyed by the source and made on the decision's day) by arm,
 * and how many have been used.
 */
export const couponCounts = (db: Kysely<Database>, s: ResultScope) =>
  scoped(db, s)
    .innerJoin('benefit_claims as bc', (j) =>
      j
        .onRef('bc.member_id', '=', 's.member_id')
        .onRef('bc.benefit_key', '=', 's.source_id')
        .onRef('bc.business_day', '=', 's.business_day'),
    )
    .innerJoin('coupons as c', 'c.claim_id', 'bc.id')
    .select([
      's.arm',
      (eb) => eb.fn.countAll<number | string>().as('issued'),
      (eb) => eb.fn.sum<number | string>(sql`case when c.status = 'used' then 1 else 0 end`).as('used'),
    ])
    .groupBy('s.arm')
    .execute()

/** An ISO instant column plus whole days, as ISO text like `toISOString()`, on either engine. */
function plusDays(db: Kysely<Database>, instant: RawBuilder<unknown>, days: number): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char((${instant})::timestamp + ${sql.raw(`interval '${days} days'`)},
        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${instant}, ${sql.lit(`+${days} days`)})`
}

/**
 * Per arm: members, and the sums and sums of squares of each member's orders and spend in the `days` after their
 * decision — orders as the insights scoring counts them (webhook and till, net of refunds, something left), so the
 * Welch comparison can be computed from the arm totals alone. Squares are summed as decimals: spend² in fen can
 * overflow a 64-bit integer over a large arm.
 */
export async function armSums(db: Kysely<Database>, s: ResultScope, days: number) {
  const end = plusDays(db, sql.ref('s.decided_at'), days)
  const perMember = scoped(db, s).select((eb) => [
    's.arm',
    eb
      .selectFrom('orders as o')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('o.member_id', '=', 's.member_id')
      .whereRef('o.paid_fen', '>', 'o.refunded_fen')
      .where(sql<boolean>`o.paid_at >= s.decided_at and o.paid_at < ${end}`)
      .as('orders'),
    eb
      .selectFrom('orders as o')
      .select(sql<number>`coalesce(sum(o.paid_fen - o.refunded_fen), 0)`.as('fen'))
      .whereRef('o.member_id', '=', 's.member_id')
      .whereRef('o.paid_fen', '>', 'o.refunded_fen')
      .where(sql<boolean>`o.paid_at >= s.decided_at and o.paid_at < ${end}`)
      .as('spend'),
  ])
  const rows = await db
    .selectFrom(perMember.as('x'))
    .select([
      'x.arm',
      (eb) => eb.fn.countAll<number | string>().as('members'),
      sql<number | string>`sum(x.orders)`.as('orders_sum'),
      sql<number | string>`sum(x.orders * 1.0 * x.orders)`.as('orders_sumsq'),
      sql<number | string>`sum(x.spend)`.as('spend_sum'),
      sql<number | string>`sum(x.spend * 1.0 * x.spend)`.as('spend_sumsq'),
    ])
    .groupBy('x.arm')
    .execute()
  return rows.map((r) => ({
    arm: r.arm,
    members: Number(r.members),
    orders: { sum: Number(r.orders_sum ?? 0), sumsq: Number(r.orders_sumsq ?? 0) },
    spend: { sum: Number(r.spend_sum ?? 0), sumsq: Number(r.spend_sumsq ?? 0) },
  }))
}

/** The first and last business day the source decided anything. */
export const decisionDays = (db: Kysely<Database>, type: ResultScope['type'], id: string) =>
  db
    .selectFrom('engagement_sends')
    .select((eb) => [eb.fn.min<string>('business_day').as('first'), eb.fn.max<string>('decided_at').as('lastAt')])
    .where('source_type', '=', type)
    .where('source_id', '=', id)
    .executeTakeFirstOrThrow()
