import { addDays } from '@mc/shared'
import { sql } from 'kysely'
import { num, type SnapshotDay } from './snapshot-day-context'

/** The day's activity totals the header row keeps beside the per-day tables. */
export interface ActivityTotals {
  members: number
  joins: number
  sign_ins: number
  make_ups: number
  orders: number
  order_fen: number
  redemptions: number
  redemption_points: number
  redemption_cash_fen: number
}

/**
 * Sign-ins of the day by streak-cycle day. A make-up row carries the missed day as its business day, so the day's
 * sign-ins are its daily ones (stable however late a make-up comes), and its make-ups are those made during it:
 * recorded within the day's instants, for a missed day of the same month (so at most 31 days back).
 */
export async function snapshotSignIns(s: SnapshotDay): Promise<Pick<ActivityTotals, 'sign_ins' | 'make_ups'>> {
  await sql`
    insert into snapshot_sign_in_streaks (business_day, cycle_day, members)
    select ${s.day}, cycle_day, count(*) from sign_ins
    where business_day = ${s.day} and kind = 'daily'
    group by cycle_day`.execute(s.trx)
  const { rows } = await sql<{ sign_ins: unknown; make_ups: unknown }>`
    select
      sum(case when kind = 'daily' and business_day = ${s.day} then 1 else 0 end) as sign_ins,
      sum(case when kind = 'make_up' and created_at >= ${s.startsAt} and created_at < ${s.endsAt} then 1 else 0 end)
        as make_ups
    from sign_ins where business_day between ${addDays(s.day, -31)} and ${s.day}`.execute(s.trx)
  return { sign_ins: num(rows[0]?.sign_ins), make_ups: num(rows[0]?.make_ups) }
}

/**
 * Benefit claims (one per claim, however many coupons it issued) and coupon uses of the day, per benefit and the
 * tier the member had; `amount_fen` is the discount the day's uses gave, what the benefit cost the merchant.
 */
export async function snapshotBenefits(s: SnapshotDay): Promise<void> {
  await sql`
    insert into snapshot_benefits (business_day, benefit_key, tier_key, claims, uses, amount_fen)
    select ${s.day}, benefit_key, tier_key, sum(claims), sum(uses), sum(amount_fen) from (
      select benefit_key, tier_key, 1 as claims, 0 as uses, 0 as amount_fen
      from benefit_claims where business_day = ${s.day}
      union all
      select benefit_key, tier_key, 0, 1, amount_fen
      from benefit_events where business_day = ${s.day} and event = 'used'
    ) events
    group by benefit_key, tier_key`.execute(s.trx)
}

/** Completed mall redemptions of the day per item, with the points and cash they took. */
export async function snapshotRedemptions(
  s: SnapshotDay,
): Promise<Pick<ActivityTotals, 'redemptions' | 'redemption_points' | 'redemption_cash_fen'>> {
  await sql`
    insert into snapshot_redemptions (business_day, item_id, item_title, redemptions, quantity, points, cash_fen)
    select ${s.day}, item_id, max(item_title), count(*), sum(quantity), sum(points_cost), sum(cash_fen)
    from mall_redemptions where business_day = ${s.day} and status = 'completed'
    group by item_id`.execute(s.trx)
  const { rows } = await sql<Record<string, unknown>>`
    select sum(redemptions) as redemptions, sum(points) as points, sum(cash_fen) as cash_fen
    from snapshot_redemptions where business_day = ${s.day}`.execute(s.trx)
  return {
    redemptions: num(rows[0]?.redemptions),
    redemption_points: num(rows[0]?.points),
    redemption_cash_fen: num(rows[0]?.cash_fen),
  }
}

/**
 * Members who joined during the day by channel and store ('' for none; a member with no channel came from an
 * import), and how many members there were at its end.
 */
export async function snapshotJoins(s: SnapshotDay): Promise<Pick<ActivityTotals, 'members' | 'joins'>> {
  await sql`
    insert into snapshot_joins (business_day, channel, outlet_id, joins)
    select ${s.day}, channel, outlet_id, count(*) from (
      select coalesce(source_channel, 'import') as channel, coalesce(source_outlet_id, '') as outlet_id
      from members where joined_at >= ${s.startsAt} and joined_at < ${s.endsAt}
    ) joined
    group by channel, outlet_id`.execute(s.trx)
  const { rows } = await sql<{ members: unknown; joins: unknown }>`
    select count(*) as members, sum(case when joined_at >= ${s.startsAt} then 1 else 0 end) as joins
    from members where joined_at < ${s.endsAt}`.execute(s.trx)
  return { members: num(rows[0]?.members), joins: num(rows[0]?.joins) }
}

/**
 * Per store: signed scene lookups (the top of its QR funnel) and the till purchases its staff recorded, at their
 * value net of refunds so far; and the day's orders of every source. An order's day is the day it was paid.
 */
export async function snapshotOutletsAndOrders(s: SnapshotDay): Promise<Pick<ActivityTotals, 'orders' | 'order_fen'>> {
  await sql`
    insert into snapshot_outlet_days (business_day, outlet_id, scans, staff_purchases, staff_purchase_fen)
    select ${s.day}, outlet_id, sum(scans), sum(purchases), sum(fen) from (
      select outlet_id, 1 as scans, 0 as purchases, 0 as fen from outlet_scene_scans where business_day = ${s.day}
      union all
      select outlet_id, 0, 1, paid_fen - refunded_fen from orders
      where source = 'outlet' and outlet_id is not null and paid_at >= ${s.startsAt} and paid_at < ${s.endsAt}
    ) visits
    group by outlet_id`.execute(s.trx)
  const { rows } = await sql<{ orders: unknown; order_fen: unknown }>`
    select count(*) as orders, sum(paid_fen - refunded_fen) as order_fen from orders
    where paid_at >= ${s.startsAt} and paid_at < ${s.endsAt}`.execute(s.trx)
  return { orders: num(rows[0]?.orders), order_fen: num(rows[0]?.order_fen) }
}
