import { beforeAll, describe, expect, it } from 'vitest'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { adminCall, mallItem, redeem } from '../../test/mall-fixtures'
import { orderEvent, sendOrderEvent } from '../../test/order-events'
import { shopRequest } from '../../test/shop-requests'
import { memberWithCode, outletWithStaff } from '../../test/staff-fixtures'
import { useTestApp } from '../../test/test-app'

/**
 * Two days of a tiny shop, posted through the real routes, and every figure of the two snapshots worked out by hand
 * from the FMCG rules (1 growth and 1 point per yuan; sign-in 2 growth and 5 points; a member's first online order
 * also earns the first-order task's 100 growth and 100 points, a till purchase does not; 白银 from 500 growth).
 */
describe('the nightly snapshot of two days, figure by figure', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 90 })
  let outletId: string
  let alice: string

  // Rows compared column by column (numbers as numbers), so each table reads in primary-key order.
  const sorted = <T extends object>(list: T[]) =>
    list.sort((a, b) => {
      const [x, y] = [Object.values(a), Object.values(b)]
      for (let i = 0; i < x.length; i++) {
        const [p, q] = [Number(x[i]), Number(y[i])]
        const order = Number.isNaN(p) || Number.isNaN(q) ? String(x[i]).localeCompare(String(y[i])) : p - q
        if (order !== 0) return order
      }
      return 0
    })
  const rows = (name: 'snapshot_tier_members' | 'snapshot_tier_moves' | 'snapshot_ledger_flows', day: string) =>
    t.db.selectFrom(name).selectAll().where('business_day', '=', day).execute().then(sorted)
  const table = (
    name:
      | 'snapshot_tier_matrix'
      | 'snapshot_tier_timing'
      | 'snapshot_sign_in_streaks'
      | 'snapshot_benefits'
      | 'snapshot_redemptions'
      | 'snapshot_joins'
      | 'snapshot_outlet_days',
    day: string,
  ) => t.db.selectFrom(name).selectAll().where('business_day', '=', day).execute().then(sorted)
  const header = (day: string) =>
    t.db.selectFrom('snapshot_days').selectAll().where('business_day', '=', day).executeTakeFirstOrThrow()
  const numbers = <T extends Record<string, unknown>>(list: T[], drop: string[] = ['business_day']) =>
    list.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([key]) => !drop.includes(key))
          .map(([key, value]) => [key, typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value]),
      ),
    )

  beforeAll(async () => {
    // 2026-11-23, 10:00 in Shanghai.
    t.clock.set('2026-11-23T02:00:00.000Z')
    const till = await outletWithStaff(t)
    outletId = till.outletId
    for (let i = 0; i < 2; i++) expect((await t.json('GET', `/api/outlets/scene/${till.scene}`)).status).toBe(200)
    const login = await t.json('POST', '/api/auth/local', { phone: '13911110001' })
    expect((await t.json('POST', '/api/members/join', { scene: till.scene }, login.body.token)).status).toBe(200)
    const aliceToken = login.body.token as string
    alice = (await t.json('GET', '/api/me', undefined, aliceToken)).body.member.id
    const bobMember = await memberWithCode(t, '13911110002')
    expect((await t.json('POST', '/api/sign-in', {}, aliceToken)).status).toBe(201)
    const now = () => ({ occurredAt: t.clock.now().toISOString() })
    expect((await sendOrderEvent(t, orderEvent('order.paid', 'A-1', { memberId: alice }, 60_000, now()))).status).toBe(
      200,
    )
    await sendOrderEvent(t, orderEvent('order.completed', 'A-1', { memberId: alice }, 60_000, now()))
    const purchase = { code: await bobMember.code(), amountFen: 45_000, receiptNo: 'R-1' }
    expect((await t.json('POST', '/api/staff/purchases', purchase, till.token)).status).toBe(201)

    // 2026-11-24: the job snapshots the 23rd; then a day of claims, coupon use, redemptions, a make-up and a refund.
    t.clock.set('2026-11-24T02:00:00.000Z')
    expect(await runInsightsJob(t.db, t.clock.now(), 'test')).toMatchObject({ ran: true, built: ['2026-11-23'] })
    const claimed = await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', undefined, aliceToken)
    expect(claimed.status).toBe(201)
    const use = { orderId: 'SO-1', orderAmountFen: 5_000, member: { memberId: alice } }
    expect((await shopRequest(t, 'POST', `/api/shop/coupons/${claimed.body.coupons[0].code}/use`, use)).status).toBe(
      200,
    )
    const bag = await mallItem(t, { title: '帆布袋', pointsPrice: 60 })
    const cup = await mallItem(t, { title: '马克杯', pointsPrice: 30 })
    expect((await redeem(t, aliceToken, { itemId: bag.id })).status).toBe(201)
    const returned = await redeem(t, aliceToken, { itemId: cup.id })
    const refund = { reason: '顾客退回' }
    const refunded = await adminCall(
      t,
      'POST',
      `/api/admin/mall/redemptions/${returned.body.redemption.id}/refund`,
      refund,
    )
    expect(refunded.status).toBe(200)
    expect((await t.json('POST', '/api/sign-in/make-up', { day: '2026-11-23' }, bobMember.token)).status).toBe(201)
    expect((await t.json('POST', '/api/sign-in', {}, aliceToken)).status).toBe(201)
    const refundEvent = orderEvent('order.refunded', 'A-1', { memberId: alice }, 60_000, {
      ...now(),
      refundId: 'RF-1',
      refundAmountFen: 10_000,
    })
    expect((await sendOrderEvent(t, refundEvent)).status).toBe(200)
    // Alice starts a points-plus-cash redemption and does not pay: its 20 points are held overnight.
    const teapot = await mallItem(t, { title: '茶壶', pointsPrice: 20, cashFen: 990 })
    expect((await redeem(t, aliceToken, { itemId: teapot.id })).status).toBe(201)
    // Carol joins, is paid 100 points and the first-order task's 100, spends 90, and is refunded the whole order,
    // which takes back both: 90 points in debt.
    const carolToken = await t.joinedMember('13911110003')
    const carol = (await t.json('GET', '/api/me', undefined, carolToken)).body.member.id
    await sendOrderEvent(t, orderEvent('order.paid', 'C-1', { memberId: carol }, 10_000, now()))
    await sendOrderEvent(t, orderEvent('order.completed', 'C-1', { memberId: carol }, 10_000, now()))
    const towel = await mallItem(t, { title: '毛巾', pointsPrice: 90 })
    expect((await redeem(t, carolToken, { itemId: towel.id })).status).toBe(201)
    const carolRefund = { ...now(), refundId: 'RF-2', refundAmountFen: 10_000 }
    expect(
      (await sendOrderEvent(t, orderEvent('order.refunded', 'C-1', { memberId: carol }, 10_000, carolRefund))).status,
    ).toBe(200)
    t.clock.set('2026-11-25T02:00:00.000Z')
    expect(await runInsightsJob(t.db, t.clock.now(), 'test')).toMatchObject({ ran: true, built: ['2026-11-24'] })
  })

  it('the first night: joins, a sign-in, two orders, an upgrade and a store purchase', async () => {
    expect(numbers([await header('2026-11-23')], ['business_day', 'built_at'])).toEqual([
      {
        members: 2,
        joins: 2,
        points_outstanding: 600 + 100 + 5 + 450,
        points_liability: 1155,
        points_debt: 0,
        debtors: 0,
        points_held: 0,
        points_expiring_next_month: 0,
        growth_outstanding: 600 + 100 + 2 + 450,
        sign_ins: 1,
        make_ups: 0,
        orders: 2,
        order_fen: 60_000 + 45_000,
        redemptions: 0,
        redemption_points: 0,
        redemption_cash_fen: 0,
        // Nearest rank over [450, 702]: p0–p50 fall on the first, p55–p100 on the second.
        growth_quantiles: JSON.stringify([...Array(11).fill(450), ...Array(10).fill(702)]),
      },
    ])
    expect(numbers(await rows('snapshot_tier_members', '2026-11-23'))).toEqual([
      // Bob's 450 growth is within 20% of 白银's 500; Alice's 702 is far from 黄金's 2000.
      { tier_key: 'regular', members: 1, near_next: 1, retain_at_risk_30d: 0 },
      { tier_key: 'silver', members: 1, near_next: 0, retain_at_risk_30d: 0 },
    ])
    expect(numbers(await rows('snapshot_tier_moves', '2026-11-23'))).toEqual([
      { kind: 'join', from_key: '', to_key: 'regular', members: 2 },
      { kind: 'upgrade', from_key: 'regular', to_key: 'silver', members: 1 },
    ])
    expect(numbers(await rows('snapshot_ledger_flows', '2026-11-23'))).toEqual([
      { ledger: 'growth', source_kind: 'first_order', flow: 'issued', amount: 100, entries: 1 },
      { ledger: 'growth', source_kind: 'order', flow: 'issued', amount: 1050, entries: 2 },
      { ledger: 'growth', source_kind: 'sign_in', flow: 'issued', amount: 2, entries: 1 },
      { ledger: 'points', source_kind: 'first_order', flow: 'issued', amount: 100, entries: 1 },
      { ledger: 'points', source_kind: 'order', flow: 'issued', amount: 1050, entries: 2 },
      { ledger: 'points', source_kind: 'sign_in', flow: 'issued', amount: 5, entries: 1 },
    ])
    expect(numbers(await table('snapshot_tier_matrix', '2026-11-23'))).toEqual(
      [30, 90, 365].flatMap((period_days) => [
        { period_days, from_key: '', to_key: 'regular', members: 1 },
        { period_days, from_key: '', to_key: 'silver', members: 1 },
      ]),
    )
    expect(numbers(await table('snapshot_tier_timing', '2026-11-23'))).toEqual([
      { from_key: '', to_key: 'silver', median_days: 0, members: 1 },
      { from_key: 'regular', to_key: 'silver', median_days: 0, members: 1 },
    ])
    expect(numbers(await table('snapshot_sign_in_streaks', '2026-11-23'))).toEqual([{ cycle_day: 1, members: 1 }])
    expect(numbers(await table('snapshot_joins', '2026-11-23'))).toEqual([
      { channel: 'outlet_qr', outlet_id: outletId, joins: 1 },
      { channel: 'shop', outlet_id: '', joins: 1 },
    ])
    expect(numbers(await table('snapshot_outlet_days', '2026-11-23'))).toEqual([
      { outlet_id: outletId, scans: 2, staff_purchases: 1, staff_purchase_fen: 45_000 },
    ])
    expect(await table('snapshot_benefits', '2026-11-23')).toEqual([])
    expect(await table('snapshot_redemptions', '2026-11-23')).toEqual([])
  })

  it('the second night: claims, uses, redemptions and a refunded one, a make-up, debt, a hold', async () => {
    expect(numbers([await header('2026-11-24')], ['business_day', 'built_at'])).toMatchObject([
      {
        members: 3,
        joins: 1,
        // Alice 705 + 5 − 60 − 30 + 30 − 100 = 550 (a partial refund leaves her first-order task);
        // Bob 450 − 20 + 5 = 435; Carol 100 + 100 − 90 − 100 − 100 = −90.
        points_outstanding: 895,
        points_liability: 985,
        points_debt: 90,
        debtors: 1,
        points_held: 20,
        points_expiring_next_month: 0,
        // Alice 702 + 2 − 100; Bob 450 + 2 (the make-up's reward); Carol 100 + 100 − 100 − 100.
        growth_outstanding: 604 + 452 + 0,
        sign_ins: 1,
        make_ups: 1,
        orders: 1,
        order_fen: 0,
        redemptions: 2,
        redemption_points: 150,
        redemption_cash_fen: 0,
        growth_quantiles: JSON.stringify([...Array(7).fill(0), ...Array(7).fill(452), ...Array(7).fill(604)]),
      },
    ])
    expect(numbers(await rows('snapshot_tier_members', '2026-11-24'))).toEqual([
      { tier_key: 'regular', members: 2, near_next: 1, retain_at_risk_30d: 0 },
      { tier_key: 'silver', members: 1, near_next: 0, retain_at_risk_30d: 0 },
    ])
    expect(numbers(await rows('snapshot_tier_moves', '2026-11-24'))).toEqual([
      { kind: 'join', from_key: '', to_key: 'regular', members: 1 },
    ])
    // The make-up's reward is dated the 23rd but was posted on the 24th, so it is the 24th's; the cup's refund
    // comes back under 'redeem' and cancels its spend; so Carol's first-order task and its reversal net to 0.
    expect(numbers(await rows('snapshot_ledger_flows', '2026-11-24'))).toEqual([
      { ledger: 'growth', source_kind: 'first_order', flow: 'issued', amount: 0, entries: 2 },
      { ledger: 'growth', source_kind: 'order', flow: 'issued', amount: 100, entries: 1 },
      { ledger: 'growth', source_kind: 'refund', flow: 'clawed_back', amount: -200, entries: 2 },
      { ledger: 'growth', source_kind: 'sign_in', flow: 'issued', amount: 4, entries: 2 },
      { ledger: 'points', source_kind: 'first_order', flow: 'issued', amount: 0, entries: 2 },
      { ledger: 'points', source_kind: 'order', flow: 'issued', amount: 100, entries: 1 },
      { ledger: 'points', source_kind: 'redeem', flow: 'spent', amount: -60 - 30 + 30 - 20 - 90, entries: 5 },
      { ledger: 'points', source_kind: 'refund', flow: 'clawed_back', amount: -200, entries: 2 },
      { ledger: 'points', source_kind: 'sign_in', flow: 'issued', amount: 10, entries: 2 },
    ])
    expect(numbers(await table('snapshot_sign_in_streaks', '2026-11-24'))).toEqual([{ cycle_day: 2, members: 1 }])
    expect(numbers(await table('snapshot_benefits', '2026-11-24'))).toEqual([
      { benefit_key: 'coupon_pack_monthly', tier_key: 'silver', claims: 1, uses: 1, amount_fen: 500 },
    ])
    expect(
      numbers(await table('snapshot_redemptions', '2026-11-24'), ['business_day', 'item_id']).sort((a, b) =>
        String(a.item_title).localeCompare(String(b.item_title)),
      ),
    ).toEqual(
      [
        { item_title: '帆布袋', redemptions: 1, quantity: 1, points: 60, cash_fen: 0 },
        { item_title: '毛巾', redemptions: 1, quantity: 1, points: 90, cash_fen: 0 },
      ].sort((a, b) => a.item_title.localeCompare(b.item_title)),
    )
    expect(numbers(await table('snapshot_joins', '2026-11-24'))).toEqual([{ channel: 'shop', outlet_id: '', joins: 1 }])
    expect(await table('snapshot_outlet_days', '2026-11-24')).toEqual([])
    expect(numbers(await table('snapshot_tier_matrix', '2026-11-24'))).toEqual(
      [30, 90, 365].flatMap((period_days) => [
        { period_days, from_key: '', to_key: 'regular', members: 2 },
        { period_days, from_key: '', to_key: 'silver', members: 1 },
      ]),
    )
  })
})
