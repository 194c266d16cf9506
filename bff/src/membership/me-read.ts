import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely'
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres'
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite'
import { isPostgres } from '../db/engine'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'
import { latestVersionColumn } from '../program/published-program'

/**
 * Everything `/api/me` reads, in one statement (it took eight): the latest published program version, the member
 * and their source outlet, tier row, growth and points accounts, the points lots lapsing before `pointsBefore`,
 * what `getMe` needs to add up the growth at risk before the validity end, and the paid orders whose growth is
 * still pending.
 *
 * The growth at risk ends at the start of the business day after `valid_until`, an instant only the calendar's
 * time zone gives, so SQL cannot compute it. It lies between `valid_until` 00:00 UTC and two days later (any
 * zone's offset and day start stay within a day), so the statement sums the lots lapsing up to that first
 * instant (`growth_lapsing_surely`) and lists, per expiry instant, the few lapsing in the three days from it
 * (`growth_lapsing_near`); `getMe` adds those of them lapsing by the exact instant. Timestamps are ISO text in
 * one format on both engines, so text comparisons order them as the old per-query reads did.
 */
const meReadBy = (by: 'member' | 'session') =>
  preparedQuery<{ key: string; now: string; pointsBefore: string }>()((db, p) => {
    const jsonArrayFrom = isPostgres(db) ? postgresJsonArrayFrom : sqliteJsonArrayFrom
    return db
      .selectFrom('members as m')
      .$if(by === 'session', (qb) =>
        qb
          .innerJoin('sessions as s', 's.member_id', 'm.id')
          .select(['s.expires_at as session_expires_at', 's.revoked_at as session_revoked_at'])
          .where('s.token_hash', '=', p.key),
      )
      .$if(by === 'member', (qb) => qb.where('m.id', '=', p.key))
      .leftJoin('member_tiers as t', 't.member_id', 'm.id')
      .leftJoin('outlets as o', 'o.id', 'm.source_outlet_id')
      .leftJoin('ledger_accounts as g', (join) => join.onRef('g.member_id', '=', 'm.id').on('g.ledger', '=', 'growth'))
      .leftJoin('ledger_accounts as pa', (join) =>
        join.onRef('pa.member_id', '=', 'm.id').on('pa.ledger', '=', 'points'),
      )
      .select([
        'm.id',
        'm.nickname',
        'm.phone',
        'm.joined_at',
        'o.id as outlet_id',
        'o.name as outlet_name',
        't.tier_key',
        't.valid_until',
        'g.balance as growth',
        'pa.balance as points',
        'pa.held as points_held',
      ])
      .select((eb) => [
        eb
          .selectFrom('ledger_lots as l')
          .select((lots) => lots.fn.sum<number | string>('l.remaining').as('total'))
          .whereRef('l.member_id', '=', 'm.id')
          .where('l.ledger', '=', 'points')
          .where('l.remaining', '>', 0)
          .where('l.expires_at', '>', p.now)
          .where('l.expires_at', '<=', p.pointsBefore)
          .as('points_expiring'),
        eb
          .selectFrom('ledger_lots as l')
          .select((lots) => lots.fn.sum<number | string>('l.remaining').as('total'))
          .whereRef('l.member_id', '=', 'm.id')
          .where('l.ledger', '=', 'growth')
          .where('l.remaining', '>', 0)
          .where('l.expires_at', '>', p.now)
          .where((lots) => lots('l.expires_at', '<=', validUntilMidnight(lots)))
          .as('growth_lapsing_surely'),
        jsonArrayFrom(
          eb
            .selectFrom('ledger_lots as l')
            .select((lots) => ['l.expires_at', lots.fn.sum<number | string>('l.remaining').as('total')])
            .whereRef('l.member_id', '=', 'm.id')
            .where('l.ledger', '=', 'growth')
            .where('l.remaining', '>', 0)
            .where('l.expires_at', '>', p.now)
            .where((lots) => lots('l.expires_at', '>', validUntilMidnight(lots)))
            .where((lots) => lots('l.expires_at', '<', threeDaysAfterValidUntil(lots, isPostgres(db))))
            .groupBy('l.expires_at'),
        ).as('growth_lapsing_near'),
        latestVersionColumn(eb),
        jsonArrayFrom(
          eb
            .selectFrom('orders as po')
            .select(['po.growth_earned', 'po.paid_fen', 'po.refunded_fen'])
            .whereRef('po.member_id', '=', 'm.id')
            .where('po.growth_entry_id', 'is', null)
            .where('po.status', '=', 'paid'),
        ).as('pending_orders'),
      ])
  })

/** The home read of a member by id. */
export const meRead = meReadBy('member')
/**
 * The same read keyed by a session's token hash, with the session's expiry and revocation: `/api/me` is then one
 * statement, the session lookup included (the request most shoppers make most often).
 */
export const meReadBySession = meReadBy('session')

type TierScope = ExpressionBuilder<Database & { t: Database['member_tiers'] }, 't'>

/** `valid_until` at 00:00 UTC as ISO text; null when the tier has no validity end. */
function validUntilMidnight(eb: TierScope) {
  return eb(eb.ref('t.valid_until'), '||', 'T00:00:00.000Z')
}

/** The day three days after `valid_until` as `YYYY-MM-DD`: every instant of the days before sorts below it. */
function threeDaysAfterValidUntil(eb: TierScope, postgres: boolean): RawBuilder<string> {
  const day = eb.ref('t.valid_until')
  return postgres ? sql<string>`to_char(cast(${day} as date) + 3, 'YYYY-MM-DD')` : sql<string>`date(${day}, '+3 days')`
}
