import { beforeAll, describe, expect, it } from 'vitest'
import { adminCall, mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: true })

type Till = Awaited<ReturnType<typeof outletWithStaff>>
let xuhui: Till
let jingan: Till
let closed: Till

beforeAll(async () => {
  xuhui = await outletWithStaff(t, { outletName: '徐汇旗舰店' })
  jingan = await outletWithStaff(t, { outletName: '静安嘉里店' })
  closed = await outletWithStaff(t, { outletName: '长宁来福士店' })
  const details = {
    address: '上海市徐汇区漕溪北路 88 号 1 层',
    openingHours: '每日 10:00–22:00',
    phone: '021-6438 0101',
  }
  expect((await adminCall(t, 'PATCH', `/api/admin/outlets/${xuhui.outletId}`, details)).status).toBe(200)
  const stop = await adminCall(t, 'PATCH', `/api/admin/outlets/${closed.outletId}`, { takesPickups: false })
  expect(stop.body.closedAt).toBe(t.clock.now().toISOString())
})

const pickupOutlets = async (token: string) => (await t.json('GET', '/api/mall/pickup-outlets', undefined, token)).body

/** What a refused redemption must leave as it was: the points, the stock, and no redemption row. */
async function untouched(memberId: string, itemId: string) {
  const rows = await t.db.selectFrom('mall_redemptions').select('id').where('member_id', '=', memberId).execute()
  return { ...(await pointsAndStock(t, memberId, itemId)), redemptions: rows.length }
}

describe('pickup store at checkout', () => {
  it('lists the stores taking pickups with their details, a closed store left out', async () => {
    const { token } = await memberWithPoints(t, 0)
    const answer = await pickupOutlets(token)
    expect(answer.preferredOutletId).toBeNull()
    // Stores opened in the same instant (the test clock stands still) come in id order; the set is what counts.
    expect(answer.outlets).toHaveLength(2)
    expect(answer.outlets).toEqual(
      expect.arrayContaining([
        {
          id: xuhui.outletId,
          name: '徐汇旗舰店',
          address: '上海市徐汇区漕溪北路 88 号 1 层',
          openingHours: '每日 10:00–22:00',
          phone: '021-6438 0101',
        },
        { id: jingan.outletId, name: '静安嘉里店', address: null, openingHours: null, phone: null },
      ]),
    )
  })

  it('stores the chosen store, returns it on the redemption, and preselects it next time', async () => {
    const item = await mallItem(t, { title: '保温杯', pointsPrice: 30 })
    const { token, memberId } = await memberWithPoints(t, 100)
    const placed = await redeem(t, token, { itemId: item.id, pickupOutletId: xuhui.outletId })
    expect(placed.status).toBe(201)
    expect(placed.body.redemption.pickupOutlet).toMatchObject({ id: xuhui.outletId, name: '徐汇旗舰店' })
    const row = await t.db
      .selectFrom('mall_redemptions')
      .select('pickup_outlet_id')
      .where('id', '=', placed.body.redemption.id)
      .executeTakeFirstOrThrow()
    expect(row.pickup_outlet_id).toBe(xuhui.outletId)
    const detail = await t.json('GET', `/api/me/redemptions/${placed.body.redemption.id}`, undefined, token)
    expect(detail.body.redemption.pickupOutlet).toEqual({
      id: xuhui.outletId,
      name: '徐汇旗舰店',
      address: '上海市徐汇区漕溪北路 88 号 1 层',
      openingHours: '每日 10:00–22:00',
      phone: '021-6438 0101',
    })
    expect((await pickupOutlets(token)).preferredOutletId).toBe(xuhui.outletId)
    // Without a store named, the last one chosen is taken.
    const again = await redeem(t, token, { itemId: item.id })
    expect(again.body.redemption.pickupOutlet.id).toBe(xuhui.outletId)
    expect(await untouched(memberId, item.id)).toMatchObject({ balance: 40, redemptions: 2 })
  })

  it.each([
    ['an unknown store', () => 'out_NOSUCHSTORE', 404, 'OUTLET_NOT_FOUND'],
    ['a store that stopped pickups', () => closed.outletId, 400, 'PICKUP_OUTLET_CLOSED'],
  ])('refuses %s with nothing written', async (_name, outletId, status, code) => {
    const item = await mallItem(t, { pointsPrice: 20, stock: 5 })
    const { token, memberId } = await memberWithPoints(t, 50)
    const before = await untouched(memberId, item.id)
    const refused = await redeem(t, token, { itemId: item.id, pickupOutletId: outletId() })
    expect(refused.status).toBe(status)
    expect(refused.body.error.code).toBe(code)
    expect(await untouched(memberId, item.id)).toEqual(before)
  })

  it('refuses a store for an item that is not picked up, and a malformed store id', async () => {
    const coupon = { name: '满50减5', kind: 'cash_off', thresholdFen: 5000, discountFen: 500, validDays: 30 }
    const item = await mallItem(t, { fulfilment: 'coupon', coupon })
    const { token, memberId } = await memberWithPoints(t, 100)
    const before = await untouched(memberId, item.id)
    const refused = await redeem(t, token, { itemId: item.id, pickupOutletId: xuhui.outletId })
    expect([refused.status, refused.body.error.code]).toEqual([400, 'PICKUP_OUTLET_NOT_ALLOWED'])
    const malformed = await redeem(t, token, { itemId: item.id, pickupOutletId: '' })
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'INVALID_REQUEST'])
    expect(await untouched(memberId, item.id)).toEqual(before)
  })

  it('without a store named: several stores and no preference is 400 PICKUP_OUTLET_REQUIRED', async () => {
    const item = await mallItem(t, { pointsPrice: 20 })
    const { token, memberId } = await memberWithPoints(t, 50)
    const before = await untouched(memberId, item.id)
    const refused = await redeem(t, token, { itemId: item.id })
    expect([refused.status, refused.body.error.code]).toEqual([400, 'PICKUP_OUTLET_REQUIRED'])
    expect(await untouched(memberId, item.id)).toEqual(before)
  })

  it('without a store named: the store the member joined at', async () => {
    const item = await mallItem(t, { pointsPrice: 20 })
    const login = await t.json('POST', '/api/auth/local', { phone: '13700000077' })
    const joined = await t.json('POST', '/api/members/join', { scene: jingan.scene }, login.body.token)
    expect(joined.status).toBe(200)
    const token = login.body.token as string
    expect((await pickupOutlets(token)).preferredOutletId).toBe(jingan.outletId)
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    await adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/adjustments`,
      { ledger: 'points', amount: 20, reason: '测试积分' },
      'pickup-joined-1',
    )
    const placed = await redeem(t, token, { itemId: item.id })
    expect(placed.status).toBe(201)
    expect(placed.body.redemption.pickupOutlet.id).toBe(jingan.outletId)
  })

  it("only the chosen store's till hands the item over; another store is told which store it is", async () => {
    const item = await mallItem(t, { pointsPrice: 10 })
    const { token } = await memberWithPoints(t, 10)
    const placed = await redeem(t, token, { itemId: item.id, pickupOutletId: xuhui.outletId })
    const code = placed.body.redemption.pickupCode as string
    const elsewhere = await t.json('POST', '/api/staff/pickups/verify', { code }, jingan.token)
    expect(elsewhere.status).toBe(409)
    expect(elsewhere.body.error).toMatchObject({ code: 'PICKUP_WRONG_OUTLET', details: { outletName: '徐汇旗舰店' } })
    const still = await t.json('GET', `/api/me/redemptions/${placed.body.redemption.id}`, undefined, token)
    expect(still.body.redemption.pickedUpAt).toBeNull()
    const here = await t.json('POST', '/api/staff/pickups/verify', { code }, xuhui.token)
    expect(here.status).toBe(200)
  })

  it('a merchant can edit a store and resume its pickups; each change is audited', async () => {
    const changed = await adminCall(t, 'PATCH', `/api/admin/outlets/${jingan.outletId}`, {
      openingHours: '每日 09:00–21:00',
      phone: 'not a phone',
    })
    expect([changed.status, changed.body.error.code]).toEqual([400, 'INVALID_REQUEST'])
    const reopened = await adminCall(t, 'PATCH', `/api/admin/outlets/${closed.outletId}`, { takesPickups: true })
    expect(reopened.body.closedAt).toBeNull()
    const { token } = await memberWithPoints(t, 0)
    expect((await pickupOutlets(token)).outlets.map((o: { id: string }) => o.id)).toContain(closed.outletId)
    await adminCall(t, 'PATCH', `/api/admin/outlets/${closed.outletId}`, { takesPickups: false })
    const audits = await t.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('action', '=', 'outlet.update')
      .execute()
    expect(audits.filter((a) => a.target_id === closed.outletId)).toHaveLength(3)
  })
})
