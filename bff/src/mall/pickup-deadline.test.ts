import { describe, expect, it } from 'vitest'
import type { LocalPaymentProvider } from './local-payment-provider'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { postNotice } from '../test/payment-notices'
import { outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'

// One app for the file and a clock that only moves forward (ids are time-ordered); the test clock starts at
// 2026-11-23T02:00Z, 10:00 on business day 2026-11-23 in the default calendar (Asia/Shanghai, day from 00:00).
const t = useTestApp({}, { verifyLedgers: false })

/** The redemption as the merchant's console lists it, found by the order number shoppers read out. */
async function adminView(orderNo: string) {
  const page = await adminCall(t, 'GET', `/api/admin/mall/redemptions?orderNo=${orderNo}`)
  expect(page.status).toBe(200)
  return page.body.redemptions[0]
}

describe('the pickup window of an item (pickupDays)', () => {
  it('is 30 days unless set, editable, and a bad value is refused with a field error', async () => {
    const item = await mallItem(t)
    const made = await adminCall(t, 'GET', '/api/admin/mall/items?kind=pickup')
    expect(made.body.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({ pickupDays: 30 })
    const patched = await adminCall(t, 'PATCH', `/api/admin/mall/items/${item.id}`, { pickupDays: 7 })
    expect(patched.body.item).toMatchObject({ pickupDays: 7 })
    const { token } = await memberWithPoints(t, 0)
    const shown = await t.json('GET', `/api/mall/items/${item.id}`, undefined, token)
    expect(shown.body.item).toMatchObject({ pickupDays: 7 })

    for (const pickupDays of [0, 366, 1.5, '30']) {
      const created = await adminCall(t, 'POST', '/api/admin/mall/items', {
        title: '保温杯',
        pointsPrice: 10,
        stock: 1,
        fulfilment: 'pickup',
        pickupDays,
      })
      expect(created.status).toBe(400)
      expect(created.body.error.code).toBe('INVALID_REQUEST')
      expect(created.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['pickupDays'])
    }
    const bad = await adminCall(t, 'PATCH', `/api/admin/mall/items/${item.id}`, { pickupDays: 400 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0]).toMatchObject({ path: 'pickupDays' })
    const row = await t.db.selectFrom('mall_items').select('pickup_days').where('id', '=', item.id).executeTakeFirst()
    expect(row).toEqual({ pickup_days: 7 })
  })
})

describe('a pickup redemption gets its deadline when it becomes collectable', () => {
  it('points only: at redemption, the end of the business day 30 days on, shown to shopper and merchant', async () => {
    const item = await mallItem(t)
    const { token } = await memberWithPoints(t, 100)
    const placed = await redeem(t, token, { itemId: item.id })
    expect(placed.status).toBe(201)
    const deadline = { pickupLastDay: '2026-12-23', pickupDeadline: '2026-12-23T16:00:00.000Z' }
    expect(placed.body.redemption).toMatchObject(deadline)
    const mine = await t.json('GET', `/api/me/redemptions/${placed.body.redemption.id}`, undefined, token)
    expect(mine.body.redemption).toMatchObject(deadline)
    const list = await t.json('GET', '/api/me/redemptions', undefined, token)
    expect(list.body.redemptions[0]).toMatchObject(deadline)
    expect(await adminView(placed.body.redemption.orderNo)).toMatchObject(deadline)
  })

  it('points plus cash: none while payment is due, then counted from the business day it is paid', async () => {
    const local = t.deps.payments as LocalPaymentProvider
    // 23:55 on 2026-11-23 in Shanghai; paid ten minutes later, on 2026-11-24.
    t.clock.set('2026-11-23T15:55:00.000Z')
    const item = await mallItem(t, { pointsPrice: 80, cashFen: 990, pickupDays: 7 })
    const { token } = await memberWithPoints(t, 100)
    const placed = await redeem(t, token, { itemId: item.id })
    expect(placed.body.redemption).toMatchObject({ status: 'pending_payment', pickupDeadline: null })
    t.clock.advanceMs(10 * 60_000)
    const answer = await postNotice(t, local.pay(placed.body.redemption.id, t.clock.now()))
    expect(answer.body.settlement).toBe('completed')
    const deadline = { pickupLastDay: '2026-12-01', pickupDeadline: '2026-12-01T16:00:00.000Z' }
    const mine = await t.json('GET', `/api/me/redemptions/${placed.body.redemption.id}`, undefined, token)
    expect(mine.body.redemption).toMatchObject({ status: 'completed', ...deadline })
    expect(await adminView(placed.body.redemption.orderNo)).toMatchObject(deadline)
  })

  it('other items get none', async () => {
    const item = await mallItem(t, { fulfilment: 'delivery' })
    const { token } = await memberWithPoints(t, 100)
    const address = { name: '张三', phone: '13900001111', address: '浙江省杭州市西湖区文三路 1 号' }
    const placed = await redeem(t, token, { itemId: item.id, delivery: address })
    expect(placed.body.redemption).toMatchObject({ pickupDeadline: null, pickupLastDay: null })
  })
})

describe('staff hand over a pickup only until its deadline', () => {
  it('before and up to the deadline it is handed over; from the deadline on refused, nothing written', async () => {
    const { outletId, phone, pin } = await outletWithStaff(t)
    const staffAt = async () => (await t.json('POST', '/api/staff/login', { phone, pin })).body.token as string
    const verify = (code: string, token: string) => t.json('POST', '/api/staff/pickups/verify', { code }, token)
    // Now 2026-11-24 00:05 Shanghai: a one-day window runs to the end of 2026-11-25.
    const item = await mallItem(t, { pickupDays: 1, pointsPrice: 10 })
    const { token } = await memberWithPoints(t, 100)
    const codes: { code: string; id: string; orderNo: string }[] = []
    for (let i = 0; i < 3; i += 1) {
      const placed = await redeem(t, token, { itemId: item.id, pickupOutletId: outletId })
      expect(placed.body.redemption.pickupDeadline).toBe('2026-11-25T16:00:00.000Z')
      codes.push({ code: placed.body.redemption.pickupCode, ...placed.body.redemption })
    }
    const [early, lastMoment, late] = codes

    t.clock.set('2026-11-25T02:00:00.000Z') // well before
    expect((await verify(early.code, await staffAt())).status).toBe(200)
    t.clock.set('2026-11-25T15:59:59.999Z') // the last millisecond of the last day
    expect((await verify(lastMoment.code, await staffAt())).status).toBe(200)

    t.clock.set('2026-11-25T16:00:00.000Z') // the deadline itself
    const staff = await staffAt()
    const before = await t.db.selectFrom('mall_redemptions').selectAll().where('id', '=', late.id).executeTakeFirst()
    const refused = await verify(late.code, staff)
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({
      code: 'PICKUP_CODE_EXPIRED',
      details: { pickupDeadline: '2026-11-25T16:00:00.000Z', pickupLastDay: '2026-11-25' },
    })
    expect(refused.body.error.message).toContain('2026年11月25日')
    t.clock.advanceMs(3 * 86_400_000) // and days after
    const later = await staffAt()
    // Refused again and again: not wrong guesses, so the till is not throttled (five wrong codes would be).
    for (let i = 0; i < 6; i += 1) expect((await verify(late.code, later)).body.error.code).toBe('PICKUP_CODE_EXPIRED')
    const after = await t.db.selectFrom('mall_redemptions').selectAll().where('id', '=', late.id).executeTakeFirst()
    expect(after).toEqual(before)
    expect(after).toMatchObject({ status: 'completed', picked_up_at: null, picked_up_by: null })
    const audits = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', late.id).execute()
    expect(audits).toEqual([])
    // The shopper's view still carries the deadline, so the page can say it has passed.
    expect(await adminView(late.orderNo)).toMatchObject({ pickedUpAt: null, pickupLastDay: '2026-11-25' })

    const other = await memberWithPoints(t, 100)
    const fresh = await redeem(t, other.token, { itemId: item.id, pickupOutletId: outletId })
    expect((await verify(fresh.body.redemption.pickupCode, later)).status).toBe(200)
  })

  it('a redemption from before deadlines existed stays collectable', async () => {
    const { outletId, phone, pin } = await outletWithStaff(t)
    const item = await mallItem(t, { pickupDays: 1 })
    const { token } = await memberWithPoints(t, 100)
    const placed = await redeem(t, token, { itemId: item.id, pickupOutletId: outletId })
    // What the migration leaves on rows written before it: no deadline.
    await t.db
      .updateTable('mall_redemptions')
      .set({ pickup_deadline: null, pickup_last_day: null })
      .where('id', '=', placed.body.redemption.id)
      .execute()
    t.clock.advanceMs(3 * 86_400_000) // well past the window it would have had
    const staff = (await t.json('POST', '/api/staff/login', { phone, pin })).body.token as string
    const { pickupCode } = placed.body.redemption
    expect((await t.json('POST', '/api/staff/pickups/verify', { code: pickupCode }, staff)).status).toBe(200)
  })

  it('the merchant can still refund an expired, uncollected pickup: the points come back', async () => {
    const item = await mallItem(t, { pickupDays: 1, pointsPrice: 40 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const { outletId } = await outletWithStaff(t)
    const placed = await redeem(t, token, { itemId: item.id, pickupOutletId: outletId })
    expect(placed.status).toBe(201)
    t.clock.advanceMs(3 * 86_400_000)
    const refunded = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${placed.body.redemption.id}/refund`, {
      reason: '超过自提期限未领取',
    })
    expect(refunded.status).toBe(200)
    expect(refunded.body.redemption).toMatchObject({ status: 'refunded', pickupCode: null, pickupDeadline: null })
    const account = await t.db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .executeTakeFirst()
    expect(account).toEqual({ balance: 100 })
  })
})
