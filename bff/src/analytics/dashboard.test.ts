import { beforeAll, describe, expect, it } from 'vitest'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { operatorToken } from '../test/operator-fixtures'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { outletWithStaff } from '../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe("the console home: today's figures in the merchant's business day", () => {
  const t = useTestApp()
  let outletId: string
  let managerToken: string
  const today = (token = testAdminToken) => t.json('GET', '/api/admin/dashboard/today', undefined, token)

  const joinAt = async (phone: string, scene?: string) => {
    const login = await t.json('POST', '/api/auth/local', { phone })
    await t.json('POST', '/api/members/join', scene ? { scene } : {}, login.body.token)
    const me = await t.json('GET', '/api/me', undefined, login.body.token)
    return { token: login.body.token as string, memberId: me.body.member.id as string }
  }

  beforeAll(async () => {
    // 2026-11-23 10:00 in Shanghai: business day 2026-11-23 under the default calendar.
    t.clock.set('2026-11-23T02:00:00.000Z')
    const outlet = await outletWithStaff(t, { outletName: '徐汇店' })
    outletId = outlet.outletId
    managerToken = (await operatorToken(t, 'store_manager', outletId)).token
    // Yesterday's join is not today's.
    t.clock.set('2026-11-22T15:00:00.000Z')
    await joinAt('13700000009')
    t.clock.set('2026-11-23T02:00:00.000Z')
    const inStore = await joinAt('13700000001', outlet.scene)
    const online = await joinAt('13700000002')
    await t.json('POST', '/api/sign-in', {}, inStore.token)
    await t.json('POST', '/api/sign-in', {}, online.token)
    for (const [orderId, member, store] of [
      ['dash-order-1', inStore, outletId],
      ['dash-order-2', online, undefined],
    ] as const) {
      const over = { occurredAt: t.clock.now().toISOString(), ...(store ? { outletId: store } : {}) }
      for (const type of ['order.paid', 'order.completed'] as const) {
        const sent = await sendOrderEvent(t, orderEvent(type, orderId, { memberId: member.memberId }, 10_000, over))
        expect(sent.status, JSON.stringify(sent.body)).toBe(200)
      }
    }
  })

  it('counts joins, sign-ins, credited orders and points in the business day', async () => {
    const before = await today()
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({
      businessDay: '2026-11-23',
      from: '2026-11-22T16:00:00.000Z',
      to: '2026-11-23T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      outlet: null,
      joins: 2,
      signIns: 2,
      ordersCredited: 2,
      pointsRedeemed: 0,
      pendingReconciliations: 0,
      attention: { failedNotices: 0, deliveriesToShip: 0, reconciliationQueue: 0 },
    })
    expect(before.body.pointsIssued).toBeGreaterThan(0)

    const buyer = await memberWithPoints(t, 500)
    const pickup = await mallItem(t, { pointsPrice: 60 })
    expect((await redeem(t, buyer.token, { itemId: pickup.id })).status).toBe(201)
    const parcel = await mallItem(t, { title: '保温杯', pointsPrice: 100, fulfilment: 'delivery' })
    const delivery = { name: '王五', phone: '13700000003', address: '上海市徐汇区漕溪北路 1 号' }
    expect((await redeem(t, buyer.token, { itemId: parcel.id, delivery })).status).toBe(201)

    const after = await today()
    expect(after.body.joins).toBe(3)
    expect(after.body.pointsIssued).toBe(before.body.pointsIssued + 500)
    expect(after.body.pointsRedeemed).toBe(160)
    expect(after.body.attention.deliveriesToShip).toBe(1)
  })

  it("narrows joins and orders to a store manager's store", async () => {
    const figures = await today(managerToken)
    expect(figures.status).toBe(200)
    expect(figures.body).toMatchObject({
      outlet: { id: outletId, name: '徐汇店' },
      joins: 1,
      ordersCredited: 1,
      signIns: 2,
    })
  })

  it('counts what needs attention: unresolved failed notices and the reconciliation queue', async () => {
    const now = t.clock.now().toISOString()
    await t.db
      .insertInto('payment_events')
      .values([
        {
          id: 'pev_dash_1',
          out_trade_no: 'T-DASH-1',
          redemption_id: null,
          event: 'unknown_order',
          detail: '{}',
          created_at: now,
        },
        {
          id: 'pev_dash_2',
          out_trade_no: 'T-DASH-2',
          redemption_id: null,
          event: 'mismatch',
          detail: '{}',
          created_at: now,
        },
        {
          id: 'pev_dash_3',
          out_trade_no: 'T-DASH-3',
          redemption_id: null,
          event: 'refund_requested',
          detail: '{}',
          created_at: now,
        },
      ])
      .execute()
    await t.db.updateTable('payment_events').set({ resolved_at: now }).where('id', '=', 'pev_dash_2').execute()
    const redemption = await t.db.selectFrom('mall_redemptions').select('id').limit(1).executeTakeFirstOrThrow()
    await t.db
      .updateTable('mall_redemptions')
      .set({ needs_reconciliation: 1 })
      .where('id', '=', redemption.id)
      .execute()
    const figures = await today()
    expect(figures.body.pendingReconciliations).toBe(1)
    expect(figures.body.attention).toMatchObject({ failedNotices: 1, reconciliationQueue: 1 })
    await t.db
      .updateTable('mall_redemptions')
      .set({ needs_reconciliation: 0 })
      .where('id', '=', redemption.id)
      .execute()
  })

  it('starts a new day at the day start, and refuses callers without dashboard.read', async () => {
    t.clock.set('2026-11-23T16:00:00.000Z')
    const tomorrow = await today()
    expect(tomorrow.body).toMatchObject({ businessDay: '2026-11-24', joins: 0, signIns: 0, ordersCredited: 0 })
    t.clock.set('2026-11-23T02:00:00.000Z')
    const member = await t.joinedMember('13700000004')
    expect((await today(member)).status).toBe(403)
    expect((await t.json('GET', '/api/admin/dashboard/today')).status).toBe(401)
    const key = await adminCall(t, 'POST', '/api/admin/api-keys', { name: '只读脚本', permissions: ['members.read'] })
    if (key.status === 201) expect((await today(key.body.secret)).status).toBe(403)
  })
})
