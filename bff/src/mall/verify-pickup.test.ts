import { beforeAll, describe, expect, it } from 'vitest'
import { mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { outletWithStaff } from '../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })
let staffToken: string
let outletId: string
beforeAll(async () => {
  ;({ token: staffToken, outletId } = await outletWithStaff(t))
})

/** Another staff member of the first store, logged in at their own till. */
async function secondTill() {
  const phone = '15200009999'
  await t.json('POST', '/api/admin/staff', { name: '店员乙', phone, outletId, pin: '135790' }, testAdminToken)
  return (await t.json('POST', '/api/staff/login', { phone, pin: '135790' })).body.token as string
}

const verify = (code: string, token = staffToken) => t.json('POST', '/api/staff/pickups/verify', { code }, token)

async function pickupCode() {
  const item = await mallItem(t, { title: '保温杯', pointsPrice: 30 })
  const { token } = await memberWithPoints(t, 100)
  const redeemed = await redeem(t, token, { itemId: item.id, quantity: 2, pickupOutletId: outletId })
  return {
    code: redeemed.body.redemption.pickupCode as string,
    token,
    redemptionId: redeemed.body.redemption.id as string,
  }
}

describe('pickup at the till', () => {
  it('verifies a code once, shows what to hand over, refuses it the second time with when it was used', async () => {
    const { code, token, redemptionId } = await pickupCode()
    const first = await verify(code)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      redemptionId,
      itemTitle: '保温杯',
      quantity: 2,
      pickedUpAt: t.clock.now().toISOString(),
    })
    const second = await verify(code)
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({
      code: 'PICKUP_CODE_USED',
      details: { pickedUpAt: first.body.pickedUpAt },
    })
    const mine = await t.json('GET', `/api/me/redemptions/${redemptionId}`, undefined, token)
    expect(mine.body.redemption).toMatchObject({ statusLabel: '已自提', pickedUpAt: first.body.pickedUpAt })
  })

  it('two tills of the chosen store scanning the same code at once: exactly one hands it over', async () => {
    const { code } = await pickupCode()
    const other = await secondTill()
    const results = await Promise.all([verify(code), verify(code, other), verify(code), verify(code, other)])
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.body.error?.code === 'PICKUP_CODE_USED')).toHaveLength(3)
  })

  it('an unknown code is refused, and five wrong codes throttle the staff account', async () => {
    const own = (await outletWithStaff(t, { outletName: '第三门店' })).token
    for (let i = 0; i < 5; i += 1)
      expect((await verify(`000000000${i}`, own)).body.error.code).toBe('PICKUP_CODE_INVALID')
    const { code } = await pickupCode()
    const throttled = await verify(code, own)
    expect(throttled.status).toBe(429)
    expect(throttled.body.error.code).toBe('PICKUP_THROTTLED')
  })

  it("a refunded redemption's code no longer works, and a member token cannot verify", async () => {
    const { code, token, redemptionId } = await pickupCode()
    const { adminCall } = await import('../test/mall-fixtures')
    expect(
      (await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemptionId}/refund`, { reason: '缺货退款' })).status,
    ).toBe(200)
    expect((await verify(code)).body.error.code).toBe('PICKUP_CODE_INVALID')
    expect((await verify(code, token)).status).toBe(403)
    expect((await verify('12345')).body.error.code).toBe('INVALID_REQUEST')
  })
})
