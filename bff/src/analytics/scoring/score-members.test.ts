import { addDays, businessDayStart, InsightSettings } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishedProgram } from '../../program/published-program'
import { useTestApp } from '../../test/test-app'
import { scoreMembers } from './score-members'

// Seven members with hand-picked orders, scored for business day 2026-11-30 (Asia/Shanghai; 02:00Z is 10:00 there).
// Scored members (an order in the 365-day window): m1, m2, m3, m6, m7 — five, so a quintile score is the rank.
const day = '2026-11-30'
const at = (d: string) => `${d}T02:00:00.000Z`
const members: [id: string, joined: string, tier: string, outlet: string | null][] = [
  ['m1', '2025-01-10', 'gold', null],
  ['m2', '2025-06-01', 'gold', null],
  ['m3', '2026-11-20', 'silver', 'out_a'],
  ['m4', '2026-01-01', 'regular', 'out_a'],
  ['m5', '2025-01-01', 'regular', null],
  ['m6', '2025-03-01', 'gold', null],
  ['m7', '2025-05-05', 'regular', null],
]
// [order, member, paid day, paid fen, refunded fen]
const orders: [string, string, string, number, number][] = [
  ['o1', 'm1', '2026-11-29', 10_000, 0],
  ['o2', 'm1', '2026-11-01', 5_000, 0],
  ['o3', 'm1', '2026-10-15', 3_000, 0],
  ['o4', 'm2', '2026-06-01', 50_000, 0],
  ['o5', 'm2', '2026-11-20', 2_000, 2_000], // refunded in full: not an order
  ['o6', 'm3', '2026-11-25', 2_000, 0],
  ['o7', 'm3', '2026-11-26', 1_000, 500],
  ['o8', 'm5', '2025-10-01', 7_000, 0], // before the window
  ['o9', 'm6', '2026-09-15', 20_000, 0],
  ['o10', 'm6', '2026-10-10', 20_000, 0],
  ['o11', 'm7', '2026-08-20', 8_000, 0],
  ['o12', 'm7', '2026-12-01', 9_000, 0], // after the day scored
]

describe('scoreMembers: RFM, lifecycle, CLV, tags and the day’s segment snapshots', () => {
  const t = useTestApp()
  const settings = InsightSettings.parse({})
  beforeAll(async () => {
    await t.db
      .insertInto('outlets')
      .values({ id: 'out_a', name: '一号店', created_at: at('2025-01-01') })
      .execute()
    await t.db
      .insertInto('members')
      .values(
        members.map(([id, joined, , outlet]) => ({
          id,
          nickname: id,
          phone: `1380000000${id.slice(1)}`,
          joined_at: at(joined),
          created_at: at(joined),
          source_outlet_id: outlet,
          source_channel: outlet ? 'outlet_qr' : null,
        })),
      )
      .execute()
    await t.db
      .insertInto('member_tiers')
      .values(
        members.map(([id, joined, tier]) => ({
          member_id: id,
          tier_key: tier,
          valid_until: null,
          since: at(joined),
          rule_version: 1,
        })),
      )
      .execute()
    await t.db
      .insertInto('orders')
      .values(
        orders.map(([order, member, paid, paidFen, refundedFen]) => ({
          order_id: order,
          member_id: member,
          status: 'paid' as const,
          paid_fen: paidFen,
          refunded_fen: refundedFen,
          growth_earned: 0,
          points_earned: 0,
          growth_credited: 0,
          points_credited: 0,
          growth_entry_id: null,
          points_entry_id: null,
          rule_version: 1,
          outlet_id: null,
          source: 'online' as const,
          paid_at: at(paid),
          completed_at: null,
        })),
      )
      .execute()
    const line = (order: string, no: number, member: string, d: string, category: string | null, fen: number) => ({
      order_id: order,
      line_no: no,
      member_id: member,
      sku: `sku-${order}-${no}`,
      category,
      qty: 1,
      amount_fen: fen,
      business_day: d,
      created_at: at(d),
    })
    await t.db
      .insertInto('order_lines')
      .values([
        line('o1', 1, 'm1', '2026-11-29', 'drinks', 6_000),
        line('o1', 2, 'm1', '2026-11-29', 'snacks', 4_000), // exactly 40%: tagged
        line('o6', 1, 'm3', '2026-11-25', 'drinks', 2_000),
        line('o7', 1, 'm3', '2026-11-26', 'snacks', 1_000), // 33%: not tagged
        line('o4', 1, 'm2', '2026-06-01', 'wine', 50_000), // before the 180-day tag window
      ])
      .execute()
    await t.db
      .insertInto('member_tags')
      .values([
        { member_id: 'm1', tag: 'VIP', source: 'manual', created_by: 'operator:o', created_at: at('2026-11-01') },
        { member_id: 'm2', tag: '偏好:wine', source: 'category', created_by: 'system', created_at: at('2026-07-01') },
        { member_id: 'm1', tag: '偏好:drinks', source: 'category', created_by: 'system', created_at: at('2026-10-01') },
      ])
      .execute()
    const event = (id: string, member: string, kind: 'claimed' | 'used', d: string) => ({
      id,
      member_id: member,
      benefit_key: 'free_shipping',
      event: kind,
      coupon_id: null,
      tier_key: 'gold',
      amount_fen: 0,
      order_id: null,
      business_day: d,
      created_at: at(d),
    })
    await t.db
      .insertInto('benefit_events')
      .values([event('be1', 'm1', 'used', '2026-10-20'), event('be2', 'm6', 'claimed', '2026-11-05')])
      .execute()
    await t.db
      .insertInto('sign_ins')
      .values({
        member_id: 'm7',
        business_day: '2026-10-10',
        kind: 'daily',
        cycle_day: 1,
        created_at: at('2026-10-10'),
      })
      .execute()
    const summary = await scoreMembers(t.db, day, settings, await publishedProgram(t.db), { now: t.clock.now() })
    expect(summary).toMatchObject({ day, members: 7, categoryTags: 3 })
  })

  it('scores each member by hand-computed quintiles, groups, lifecycle, CLV and windows', async () => {
    const rows = await t.db.selectFrom('member_insights').selectAll().orderBy('member_id').execute()
    const got = rows.map((r) => [
      r.member_id,
      r.last_order_day,
      r.first_order_day,
      r.repurchased_30d,
      r.recency_days,
      r.frequency,
      Number(r.monetary_fen),
      r.r_score,
      r.f_score,
      r.m_score,
      r.rfm_group,
      r.lifecycle,
      Number(r.clv_fen),
      r.orders_30d,
      Number(r.spend_30d_fen),
      r.orders_90d,
      Number(r.spend_90d_fen),
    ])
    expect(got).toEqual([
      [
        'm1',
        '2026-11-29',
        '2026-10-15',
        1,
        1,
        3,
        18_000,
        5,
        5,
        3,
        'general_value',
        'active',
        54_000,
        2,
        15_000,
        3,
        18_000,
      ],
      ['m2', '2026-06-01', '2026-06-01', 0, 182, 1, 50_000, 1, 1, 5, 'important_retain', 'lapsed', 150_000, 0, 0, 0, 0],
      ['m3', '2026-11-26', '2026-11-25', 1, 4, 2, 2_500, 4, 3, 1, 'general_develop', 'new', 7_500, 2, 2_500, 2, 2_500],
      ['m4', null, null, 0, null, 0, 0, null, null, null, null, 'lapsed', 0, 0, 0, 0, 0],
      ['m5', '2025-10-01', '2025-10-01', 0, 425, 0, 0, null, null, null, null, 'lapsed', 0, 0, 0, 0, 0],
      [
        'm6',
        '2026-10-10',
        '2026-09-15',
        1,
        51,
        2,
        40_000,
        3,
        3,
        4,
        'important_retain',
        'active',
        120_000,
        0,
        0,
        2,
        40_000,
      ],
      ['m7', '2026-08-20', '2026-08-20', 0, 102, 1, 8_000, 2, 1, 2, 'general_retain', 'dormant', 24_000, 0, 0, 0, 0],
    ])
    expect(rows.every((r) => r.as_of_day === day)).toBe(true)
  })

  it('rewrites category tags from the window’s line spend and keeps manual tags', async () => {
    const now = t.clock.now().toISOString()
    const tags = await t.db
      .selectFrom('member_tags')
      .select(['member_id', 'tag', 'source', 'created_at'])
      .orderBy('member_id')
      .orderBy('tag')
      .execute()
    expect(tags).toEqual([
      { member_id: 'm1', tag: 'VIP', source: 'manual', created_at: at('2026-11-01') },
      // Held since October and still earned: kept with the day it was first given.
      { member_id: 'm1', tag: '偏好:drinks', source: 'category', created_at: at('2026-10-01') },
      { member_id: 'm1', tag: '偏好:snacks', source: 'category', created_at: now },
      { member_id: 'm3', tag: '偏好:drinks', source: 'category', created_at: now },
    ])
  })

  it('writes the day’s segments per tier with summed spend and CLV', async () => {
    const rows = await t.db.selectFrom('snapshot_segments').selectAll().where('business_day', '=', day).execute()
    const seg = (dimension: string, segment: string, tier: string) => {
      const r = rows.find((x) => x.dimension === dimension && x.segment === segment && x.tier_key === tier)
      return r ? [r.members, Number(r.monetary_fen), Number(r.clv_fen)] : null
    }
    expect(seg('rfm', 'important_retain', 'gold')).toEqual([2, 90_000, 270_000])
    expect(seg('rfm', 'none', 'regular')).toEqual([2, 0, 0])
    expect(seg('rfm', 'general_retain', 'regular')).toEqual([1, 8_000, 24_000])
    expect(seg('lifecycle', 'lapsed', 'regular')).toEqual([2, 0, 0])
    expect(seg('lifecycle', 'active', 'gold')).toEqual([2, 58_000, 174_000])
    expect(seg('tag', '偏好:drinks', 'gold')).toEqual([1, 18_000, 54_000])
    expect(seg('tag', '偏好:drinks', 'silver')).toEqual([1, 2_500, 7_500])
    expect(seg('tag', 'VIP', 'gold')).toEqual([1, 18_000, 54_000])
    const total = rows.filter((r) => r.dimension === 'rfm').reduce((sum, r) => sum + Number(r.members), 0)
    expect(total).toBe(7)
  })

  it('writes benefit reach and self-selected comparisons as sums', async () => {
    const reach = await t.db
      .selectFrom('snapshot_benefit_reach')
      .selectAll()
      .where('benefit_key', '=', 'free_shipping')
      .execute()
    expect(reach.map((r) => [r.eligible, Number(r.claimers_90d), Number(r.users_90d)])).toEqual([[3, 1, 1]])
    const arms = await t.db.selectFrom('snapshot_comparisons').selectAll().where('business_day', '=', day).execute()
    const arm = (subject: string, window: number, name: string) => {
      const r = arms.find((a) => a.subject === subject && a.window_days === window && a.arm === name)
      return r && [r.members, Number(r.orders_sum), Number(r.orders_sumsq), Number(r.spend_sum), Number(r.spend_sumsq)]
    }
    expect(arm('benefit:free_shipping', 30, 'treated')).toEqual([1, 2, 4, 15_000, 15_000 ** 2])
    expect(arm('benefit:free_shipping', 30, 'control')).toEqual([2, 0, 0, 0, 0])
    expect(arm('benefit:free_shipping', 90, 'treated')).toEqual([0, 0, 0, 0, 0])
    expect(arm('benefit:free_shipping', 90, 'control')).toEqual([3, 5, 13, 58_000, 18_000 ** 2 + 40_000 ** 2])
    expect(arm('sign_in', 30, 'treated')).toEqual([1, 0, 0, 0, 0])
    expect(arm('sign_in', 30, 'control')).toEqual([5, 2, 4, 15_000, 15_000 ** 2])
  })

  it('rewrites the stores’ join cohorts', async () => {
    const rows = await t.db.selectFrom('snapshot_outlet_cohorts').selectAll().orderBy('join_day').execute()
    expect(
      rows.map((r) => [
        r.outlet_id,
        r.join_day,
        r.as_of_day,
        r.joins,
        Number(r.first_orders),
        Number(r.repurchased_30d),
      ]),
    ).toEqual([
      ['out_a', '2026-01-01', day, 1, 0, 0],
      ['out_a', '2026-11-20', day, 1, 1, 1],
    ])
  })

  it('gives the same rows when the day is scored again', async () => {
    const before = await t.db
      .selectFrom('snapshot_segments')
      .selectAll()
      .orderBy('dimension')
      .orderBy('segment')
      .orderBy('tier_key')
      .execute()
    await scoreMembers(t.db, day, settings, await publishedProgram(t.db), { now: t.clock.now() })
    const after = await t.db
      .selectFrom('snapshot_segments')
      .selectAll()
      .orderBy('dimension')
      .orderBy('segment')
      .orderBy('tier_key')
      .execute()
    expect(after).toEqual(before)
  })

  it('counts a member as new from the first instant of the window’s first day, not a moment before', async () => {
    const program = await publishedProgram(t.db)
    const windowStart = businessDayStart(addDays(day, 1 - settings.lifecycle.newDays), program.rules.calendar)
    const joined = { m9: new Date(windowStart.getTime() - 1), m10: windowStart }
    for (const [id, instant] of Object.entries(joined))
      await t.db
        .insertInto('members')
        .values({
          id,
          nickname: id,
          phone: `138000000${id.slice(1).padStart(2, '0')}`,
          joined_at: instant.toISOString(),
          created_at: instant.toISOString(),
        })
        .execute()
    await scoreMembers(t.db, day, settings, program, { now: t.clock.now() })
    const lifecycle = await t.db
      .selectFrom('member_insights')
      .select(['member_id', 'lifecycle'])
      .where('member_id', 'in', ['m9', 'm10'])
      .orderBy('member_id')
      .execute()
    expect(lifecycle).toEqual([
      { member_id: 'm10', lifecycle: 'new' },
      { member_id: 'm9', lifecycle: 'dormant' },
    ])
    await t.db.deleteFrom('member_insights').where('member_id', 'in', ['m9', 'm10']).execute()
    await t.db.deleteFrom('members').where('id', 'in', ['m9', 'm10']).execute()
  })

  it('scores over last night’s rows as a first night would: a new joiner gains a row, a leaver loses it', async () => {
    const rows = () => t.db.selectFrom('member_insights').selectAll().orderBy('member_id').execute()
    const score = async () => scoreMembers(t.db, day, settings, await publishedProgram(t.db), { now: t.clock.now() })
    await t.db
      .insertInto('members')
      .values({ id: 'm8', nickname: 'm8', phone: '13800000008', joined_at: at(day), created_at: at(day) })
      .execute()
    await t.db.updateTable('members').set({ joined_at: null }).where('id', '=', 'm4').execute()
    expect((await score()).members).toBe(7)
    const over = await rows()
    expect(over.map((r) => r.member_id)).toEqual(['m1', 'm2', 'm3', 'm5', 'm6', 'm7', 'm8'])
    expect(over.find((r) => r.member_id === 'm8')).toMatchObject({
      as_of_day: day,
      lifecycle: 'new',
      frequency: 0,
      r_score: null,
      rfm_group: null,
    })
    await t.db.deleteFrom('member_insights').execute()
    await score()
    expect(await rows()).toEqual(over)
  })
})
