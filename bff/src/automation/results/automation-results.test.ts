import { beforeAll, describe, expect, it } from 'vitest'
import { insertPlainMembers } from '../campaigns/campaign-test-kit'
import { insertOrders } from '../segments/segment-test-kit'
import { testAdminToken, useTestApp } from '../../test/test-app'

const decided = '2026-11-01T02:00:00.000Z'
const plus = (days: number, ms = 0) => new Date(Date.parse(decided) + days * 86_400_000 + ms).toISOString()
const m = (n: number) => `mbr_res_000${n}`

/**
 * Fixed rows, worked by hand (30 result days after the decision at 2026-11-01 10:00 Shanghai):
 *   A: m1 sent (an order of ¥100, and one refunded in full), m2 sent (an order the day before only), m3 capped
 *      (a till order ¥50 and an online ¥30 with ¥10 refunded) → orders 1, 0, 2; spend 10000, 0, 7000
 *   B: m4 sent (¥40 a minute before the window ends), m5 over budget (an order exactly at its end) → 1, 0; 4000, 0
 *   holdout: m6 (¥60), m7 (nothing) → 1, 0; 6000, 0
 */
async function insertResultRows(t: ReturnType<typeof useTestApp>) {
  await insertPlainMembers(t.db, 'mbr_res_', 7)
  await t.db
    .insertInto('segments')
    .values({
      id: 'seg_res',
      name: '全部',
      filter: '{}',
      created_by: 't',
      created_at: decided,
      updated_at: decided,
      archived_at: null,
    })
    .execute()
  await t.db
    .insertInto('campaigns')
    .values({
      id: 'cmp_res',
      name: '测试',
      segment_id: 'seg_res',
      category: 'offers',
      variants: '[]',
      holdout_percent: 20,
      budget_coupons: 2,
      stop_at_budget: 1,
      status: 'done',
      scheduled_at: decided,
      planned_through: m(7),
      // Its three `sent` decisions below; no delivery cursor, so none counted delivered.
      messages_planned: 3,
      messages_delivered: 0,
      targeted: 7,
      coupons_issued: 2,
      created_by: 't',
      created_at: decided,
      started_at: decided,
      finished_at: decided,
    })
    .execute()
  const arms = [
    ['A', 'sent'],
    ['A', 'sent'],
    ['A', 'capped'],
    ['B', 'sent'],
    ['B', 'over_budget'],
    ['holdout', 'holdout'],
    ['holdout', 'holdout'],
  ] as const
  await t.db
    .insertInto('engagement_sends')
    .values(
      arms.map(([arm, outcome], i) => ({
        id: `snd_res_${i + 1}`,
        source_type: 'campaign' as const,
        source_id: 'cmp_res',
        member_id: m(i + 1),
        period: 'once',
        dedupe_key: `campaign:cmp_res:${m(i + 1)}:once`,
        arm,
        outcome,
        business_day: '2026-11-01',
        decided_at: decided,
      })),
    )
    .execute()
  const outbox = (
    id: string,
    send: number,
    channel: 'inbox' | 'wechat' | 'sms',
    state: 'sent' | 'pending' | 'failed',
  ) => ({
    id,
    send_id: `snd_res_${send}`,
    member_id: m(send),
    channel,
    category: 'offers',
    title: 't',
    body: 'b',
    page: null,
    template_id: null,
    payload: null,
    state,
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    created_at: decided,
    sent_at: null,
  })
  await t.db
    .insertInto('outbox')
    .values([
      outbox('obx_1', 1, 'inbox', 'sent'),
      outbox('obx_2', 2, 'inbox', 'sent'),
      outbox('obx_3', 4, 'inbox', 'sent'),
      outbox('obx_4', 1, 'sms', 'pending'),
      outbox('obx_5', 4, 'wechat', 'failed'),
    ])
    .execute()
  for (const n of [1, 2]) {
    await t.db
      .insertInto('benefit_claims')
      .values({
        id: `bcl_res_${n}`,
        member_id: m(n),
        benefit_key: 'cmp_res',
        period_key: 'once',
        tier_key: 'regular',
        rule_version: 1,
        business_day: '2026-11-01',
        created_at: decided,
      })
      .execute()
    await t.db
      .insertInto('coupons')
      .values({
        id: `cpn_res_${n}`,
        code: `RESCODE000${n}`,
        member_id: m(n),
        benefit_key: 'cmp_res',
        claim_id: `bcl_res_${n}`,
        name: '满100减20',
        kind: 'cash_off',
        threshold_fen: 10_000,
        discount_fen: 2_000,
        status: n === 1 ? 'used' : 'available',
        valid_from: decided,
        valid_until: plus(14),
        used_at: n === 1 ? plus(2) : null,
        used_order_id: n === 1 ? 'o-r1' : null,
        created_at: decided,
      })
      .execute()
  }
  await insertOrders(t.db, [
    ['o-r1', m(1), plus(2), 10_000, 0],
    ['o-r1-refunded', m(1), plus(3), 8_000, 8_000],
    ['o-r2-before', m(2), plus(-1), 9_000, 0],
    ['o-r3-a', m(3), plus(5), 5_000, 0],
    ['o-r3-b', m(3), plus(6), 3_000, 1_000],
    ['o-r4', m(4), plus(30, -60_000), 4_000, 0],
    ['o-r5-at-end', m(5), plus(30), 7_000, 0],
    ['o-r6', m(6), plus(1), 6_000, 0],
  ])
  await t.db.updateTable('orders').set({ source: 'outlet' }).where('order_id', '=', 'o-r3-a').execute()
}

describe('campaign results, by hand on fixed rows', () => {
  const t = useTestApp()
  beforeAll(async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    await insertResultRows(t)
  })

  it('counts reach, delivery per channel and coupons, and compares orders and spend per arm', async () => {
    const answer = await t.json('GET', '/api/admin/campaigns/cmp_res/results', undefined, testAdminToken)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    const r = answer.body
    expect(r).toMatchObject({
      report: 'campaign',
      sourceId: 'cmp_res',
      from: '2026-11-01',
      to: '2026-12-03',
      notices: [],
    })
    const figures = Object.fromEntries(r.figures.map((f: { key: string; value: number }) => [f.key, f.value]))
    expect(figures).toEqual({
      targeted: 7,
      sent: 3,
      holdout: 2,
      capped: 1,
      over_budget: 1,
      delivered_inbox: 3,
      delivered_wechat: 0,
      delivered_sms: 0,
      coupons_issued: 2,
      coupons_used: 1,
    })
    const [orders, spend, abOrders, abSpend] = r.comparisons
    // Treated orders 1,0,2,1,0 (mean 0.8, variance 0.7) vs holdout 1,0 (0.5, 0.5): SE = √(0.7/5 + 0.5/2) = √0.39.
    expect(orders.treated).toEqual({ label: '发送组', members: 5, meanOrders: 0.8, meanSpendFen: 4200 })
    expect(orders.control).toEqual({ label: '对照组', members: 2, meanOrders: 0.5, meanSpendFen: 3000 })
    expect(orders.difference).toBeCloseTo(0.3, 10)
    expect(orders.ciLow).toBeCloseTo(0.3 - 1.96 * Math.sqrt(0.39), 10)
    expect(orders.ciHigh).toBeCloseTo(0.3 + 1.96 * Math.sqrt(0.39), 10)
    // 样本不足: n = ⌈(1.96 + 0.8416)² × 1.2 ÷ 0.09⌉ = 105 per arm.
    expect([orders.verdict, orders.membersNeeded, orders.windowDays, orders.design]).toEqual([
      'insufficient',
      105,
      30,
      'holdout',
    ])
    expect([spend.metric, spend.difference]).toEqual(['spend_fen', 1200])
    expect([abOrders.key, abOrders.difference, abOrders.treated.members, abOrders.control.members]).toEqual([
      'a_vs_b:30:orders',
      0.5,
      3,
      2,
    ])
    expect(abSpend.difference).toBeCloseTo(17_000 / 3 - 2_000, 8)
    const arms = r.tables.find((x: { key: string }) => x.key === 'arms')
    expect(arms.chart).toEqual({ kind: 'bar', x: 'arm', series: ['meanSpendFen'] })
    expect(arms.rows).toEqual([
      {
        arm: '方案 A',
        members: 3,
        sent: 2,
        capped: 1,
        overBudget: 0,
        couponsIssued: 2,
        couponsUsed: 1,
        meanOrders: 1,
        meanSpendFen: 5666.67,
      },
      {
        arm: '方案 B',
        members: 2,
        sent: 1,
        capped: 0,
        overBudget: 1,
        couponsIssued: 0,
        couponsUsed: 0,
        meanOrders: 0.5,
        meanSpendFen: 2000,
      },
      {
        arm: '对照组',
        members: 2,
        sent: 0,
        capped: 0,
        overBudget: 0,
        couponsIssued: 0,
        couponsUsed: 0,
        meanOrders: 0.5,
        meanSpendFen: 3000,
      },
    ])
    const channels = r.tables.find((x: { key: string }) => x.key === 'channels').rows
    expect(channels).toEqual([
      { channel: '站内信', sent: 3, pending: 0, sending: 0, failed: 0, skipped: 0 },
      { channel: '微信订阅消息', sent: 0, pending: 0, sending: 0, failed: 1, skipped: 0 },
      { channel: '短信', sent: 0, pending: 1, sending: 0, failed: 0, skipped: 0 },
    ])
    expect(r.tables.find((x: { key: string }) => x.key === 'daily').rows).toEqual([
      { day: '2026-11-01', sent: 3, holdout: 2, capped: 1, overBudget: 1 },
    ])
  })

  it('narrows to the range, says when the window is still open, refuses a backwards range', async () => {
    const later = await t.json('GET', '/api/admin/campaigns/cmp_res/results?from=2026-11-02', undefined, testAdminToken)
    expect(later.body.figures[0]).toMatchObject({ key: 'targeted', value: 0 })
    expect(later.body.comparisons[0]).toMatchObject({ verdict: 'insufficient', difference: null, membersNeeded: 30 })
    t.clock.set('2026-11-20T02:00:00.000Z')
    const early = await t.json('GET', '/api/admin/campaigns/cmp_res/results', undefined, testAdminToken)
    expect(early.body.notices).toEqual([
      { tone: 'info', text: '最近的会员决定后还不满 30 天，订单和消费仍在累计，数字会变' },
    ])
    const backwards = await t.json(
      'GET',
      '/api/admin/campaigns/cmp_res/results?from=2026-11-05&to=2026-11-04',
      undefined,
      testAdminToken,
    )
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'RANGE_BACKWARDS'])
  })
})
