import { addDays, businessDayStart, type ProgramRules } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** The instant `hours` into business day `today + offset`. */
export const dayAt = (rules: ProgramRules, today: string, offset: number, hours = 2) =>
  new Date(businessDayStart(addDays(today, offset), rules.calendar).getTime() + hours * 3_600_000).toISOString()

/**
 * Five hand-made members for the segment specs, one fact per table each (today = the business day of the clock):
 * - s1 gold, 重要挽留, dormant, tags 母婴 + 零食, last order 40 days ago, from out_a, born in December, 500 points,
 *   joined 2026-01-10, signed in 2 days ago;
 * - s2 silver, 重要价值, active, tag 美妆, last order 5 days ago, from out_b, born in March, 50 points, joined 2026-06-01;
 * - s3 no tier row (regular), not scored, never ordered, no store, no birthday, no points account, joined 2026-11-30,
 *   signed in today;
 * - s4 gold, 重要挽留, lapsed, an order 200 days ago and one 10 days ago refunded in full, born in December,
 *   −20 points (a clawback), joined 2025-05-05;
 * - s5 never joined (a shop visitor): no segment selects it.
 */
export async function insertSegmentMembers(db: Kysely<Database>, rules: ProgramRules, today: string) {
  const at = (offset: number) => dayAt(rules, today, offset)
  await db
    .insertInto('outlets')
    .values([
      { id: 'out_a', name: '徐汇店', created_at: '2025-01-01T00:00:00.000Z' },
      { id: 'out_b', name: '静安店', created_at: '2025-01-01T00:00:00.000Z' },
    ])
    .execute()
  const member = (id: string, joined: string | null, outlet: string | null, birthday: string | null) => ({
    id,
    nickname: `会员${id.slice(-1)}`,
    phone: `1380000000${id.slice(-1)}`,
    joined_at: joined && `${joined}T02:00:00.000Z`,
    source_outlet_id: outlet,
    source_channel: outlet ? ('outlet_qr' as const) : null,
    birthday,
    created_at: '2025-01-01T00:00:00.000Z',
  })
  await db
    .insertInto('members')
    .values([
      member('mbr_seg_1', '2026-01-10', 'out_a', '1990-12-05'),
      member('mbr_seg_2', '2026-06-01', 'out_b', '1992-03-14'),
      member('mbr_seg_3', '2026-11-30', null, null),
      member('mbr_seg_4', '2025-05-05', null, '1985-12-31'),
      member('mbr_seg_5', null, null, '1990-12-01'),
    ])
    .execute()
  const tier = (member_id: string, tier_key: string) => ({
    member_id,
    tier_key,
    valid_until: '2027-06-30',
    since: '2026-01-10T02:00:00.000Z',
    rule_version: 1,
  })
  await db
    .insertInto('member_tiers')
    .values([tier('mbr_seg_1', 'gold'), tier('mbr_seg_2', 'silver'), tier('mbr_seg_4', 'gold')])
    .execute()
  const insight = (member_id: string, rfm_group: string, lifecycle: 'active' | 'dormant' | 'lapsed') => ({
    member_id,
    as_of_day: addDays(today, -1),
    last_order_day: null,
    first_order_day: null,
    repurchased_30d: 0,
    recency_days: null,
    frequency: 1,
    monetary_fen: 0,
    r_score: 1,
    f_score: 1,
    m_score: 5,
    rfm_group,
    lifecycle,
    clv_fen: 0,
    orders_30d: 0,
    spend_30d_fen: 0,
    orders_90d: 0,
    spend_90d_fen: 0,
  })
  await db
    .insertInto('member_insights')
    .values([
      insight('mbr_seg_1', 'important_retain', 'dormant'),
      insight('mbr_seg_2', 'important_value', 'active'),
      insight('mbr_seg_4', 'important_retain', 'lapsed'),
    ])
    .execute()
  const tag = (member_id: string, name: string) => ({
    member_id,
    tag: name,
    source: 'manual' as const,
    created_by: 'test',
    created_at: at(-1),
  })
  await db
    .insertInto('member_tags')
    .values([tag('mbr_seg_1', '母婴'), tag('mbr_seg_1', '零食'), tag('mbr_seg_2', '美妆')])
    .execute()
  await insertOrders(db, [
    ['o-s1', 'mbr_seg_1', at(-40), 10_000, 0],
    ['o-s2', 'mbr_seg_2', at(-5), 8_000, 0],
    ['o-s4a', 'mbr_seg_4', at(-200), 30_000, 0],
    ['o-s4b', 'mbr_seg_4', at(-10), 5_000, 5_000],
  ])
  const account = (member_id: string, balance: number) => ({
    member_id,
    ledger: 'points' as const,
    balance,
    held: 0,
    version: 1,
  })
  await db
    .insertInto('ledger_accounts')
    .values([account('mbr_seg_1', 500), account('mbr_seg_2', 50), account('mbr_seg_4', -20)])
    .execute()
  const signIn = (member_id: string, business_day: string) => ({
    member_id,
    business_day,
    kind: 'daily' as const,
    cycle_day: 1,
    created_at: `${business_day}T02:00:00.000Z`,
  })
  await db
    .insertInto('sign_ins')
    .values([
      signIn('mbr_seg_1', addDays(today, -2)),
      signIn('mbr_seg_3', today),
      signIn('mbr_seg_2', addDays(today, -9)),
    ])
    .execute()
}

/** Orders straight in the table: [order id, member, paid at, paid fen, refunded fen]. */
export async function insertOrders(db: Kysely<Database>, orders: [string, string, string, number, number][]) {
  await db
    .insertInto('orders')
    .values(
      orders.map(([order_id, member_id, paid_at, paid_fen, refunded_fen]) => ({
        order_id,
        member_id,
        status: 'paid' as const,
        paid_fen,
        refunded_fen,
        growth_earned: 0,
        points_earned: 0,
        growth_credited: 0,
        points_credited: 0,
        growth_entry_id: null,
        points_entry_id: null,
        rule_version: 1,
        outlet_id: null,
        source: 'online' as const,
        paid_at,
        completed_at: null,
      })),
    )
    .execute()
}
