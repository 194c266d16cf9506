import { addDays, businessDayStart, type ProgramRules, type SegmentFilter } from '@mc/shared'
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../../db/schema'

/** What a segment is evaluated against: the live rules (tiers, calendar) and the business day of "now". */
export interface SegmentContext {
  rules: ProgramRules
  today: string
}

type Eb = ExpressionBuilder<Database & { m: Database['members'] }, 'm'>

/**
 * The members a filter selects, as one query over `members m` (joined members only) that callers narrow, order and
 * page: the preview counts it and reads a sample, the campaign job walks it in member id order. Each condition is
 * an EXISTS / NOT EXISTS or a column test on `m`, so the walk stays an id-ordered scan of members with index probes
 * per member instead of joins that fan out (a member with two tags must not count twice).
 */
export function segmentMembers(db: Kysely<Database>, filter: SegmentFilter, ctx: SegmentContext) {
  return db
    .selectFrom('members as m')
    .where('m.joined_at', 'is not', null)
    .where('m.closed_at', 'is', null)
    .where((eb) => eb.and(conditions(eb as unknown as Eb, filter, ctx)))
}

function conditions(eb: Eb, f: SegmentFilter, ctx: SegmentContext): Expression<SqlBool>[] {
  const start = (day: string) => businessDayStart(day, ctx.rules.calendar).toISOString()
  const all: Expression<SqlBool>[] = []
  if (f.tiers) all.push(tierCondition(eb, f.tiers, ctx.rules))
  if (f.rfmGroups) all.push(insight(eb, 'rfm_group', f.rfmGroups))
  if (f.lifecycles) all.push(insight(eb, 'lifecycle', f.lifecycles))
  if (f.tagsAny) {
    const tags = f.tagsAny
    all.push(
      eb.exists(
        eb
          .selectFrom('member_tags as tg')
          .select('tg.member_id')
          .whereRef('tg.member_id', '=', 'm.id')
          .where('tg.tag', 'in', tags),
      ),
    )
  }
  // An order counts as the insights scoring counts it: webhook or till, net of refunds, something left.
  const orderSince = (from: string | null) =>
    eb.exists(
      eb
        .selectFrom('orders as o')
        .select('o.member_id')
        .whereRef('o.member_id', '=', 'm.id')
        .whereRef('o.paid_fen', '>', 'o.refunded_fen')
        .$if(from !== null, (q) => q.where('o.paid_at', '>=', from as string)),
    )
  if (f.neverOrdered === true) all.push(eb.not(orderSince(null)))
  if (f.neverOrdered === false) all.push(orderSince(null))
  if (f.daysSinceLastOrder) {
    const { min, max } = f.daysSinceLastOrder
    // Days since the last order ≥ min: nothing since the start of day (today − min + 1), but some order ever.
    if (min !== undefined) all.push(orderSince(null), eb.not(orderSince(start(addDays(ctx.today, 1 - min)))))
    // ≤ max: an order on or after day (today − max).
    if (max !== undefined) all.push(orderSince(start(addDays(ctx.today, -max))))
  }
  if (f.outletIds) all.push(eb('m.source_outlet_id', 'in', f.outletIds))
  if (f.birthdayMonths) {
    const months = f.birthdayMonths.map((n) => String(n).padStart(2, '0'))
    all.push(eb(sql<string>`substr(m.birthday, 6, 2)`, 'in', months))
  }
  if (f.pointsBalance) all.push(pointsCondition(eb, f.pointsBalance))
  if (f.joinedBetween?.from) all.push(eb('m.joined_at', '>=', start(f.joinedBetween.from)))
  if (f.joinedBetween?.to) all.push(eb('m.joined_at', '<', start(addDays(f.joinedBetween.to, 1))))
  if (f.signedInWithinDays !== undefined) {
    const since = addDays(ctx.today, 1 - f.signedInWithinDays)
    all.push(
      eb.exists(
        eb
          .selectFrom('sign_ins as si')
          .select('si.member_id')
          .whereRef('si.member_id', '=', 'm.id')
          .where('si.business_day', '>=', since),
      ),
    )
  }
  return all
}

/** A joined member without a tier row stands on the entry tier, as everywhere else. */
function tierCondition(eb: Eb, keys: string[], rules: ProgramRules): Expression<SqlBool> {
  const hasRow = eb.exists(
    eb
      .selectFrom('member_tiers as t')
      .select('t.member_id')
      .whereRef('t.member_id', '=', 'm.id')
      .where('t.tier_key', 'in', keys),
  )
  if (!keys.includes(rules.tiers[0].key)) return hasRow
  const noRow = eb.not(
    eb.exists(eb.selectFrom('member_tiers as t').select('t.member_id').whereRef('t.member_id', '=', 'm.id')),
  )
  return eb.or([hasRow, noRow])
}

/** The nightly scores: a member not scored yet (joined today) matches no RFM group or lifecycle. */
function insight(eb: Eb, column: 'rfm_group' | 'lifecycle', values: string[]): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('member_insights as mi')
      .select('mi.member_id')
      .whereRef('mi.member_id', '=', 'm.id')
      .where(`mi.${column}`, 'in', values as never[]),
  )
}

/** A member without a points account has a balance of 0. */
function pointsCondition(eb: Eb, range: { min?: number; max?: number }): Expression<SqlBool> {
  const balance = eb
    .selectFrom('ledger_accounts as pa')
    .select('pa.balance')
    .whereRef('pa.member_id', '=', 'm.id')
    .where('pa.ledger', '=', 'points')
  const value = sql<number>`coalesce((${balance}), 0)`
  const parts: Expression<SqlBool>[] = []
  if (range.min !== undefined) parts.push(eb(value, '>=', range.min))
  if (range.max !== undefined) parts.push(eb(value, '<=', range.max))
  return eb.and(parts)
}
