import { beforeAll, describe, expect, it } from 'vitest'
import { ledgerFootprint } from '../test/order-events'
import { memberOnTier } from '../test/shop-requests'
import { outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'

describe('benefits at the till: coupons and member price after a scan', () => {
  const t = useTestApp()
  let till: Awaited<ReturnType<typeof outletWithStaff>>

  /** A silver member (95 折 member price) who claimed this month's pack: two 满50减5 coupons. */
  const silverWithCoupons = async () => {
    const member = await memberOnTier(t, 600)
    const claimed = await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', undefined, member.token)
    expect(claimed.status).toBe(201)
    const code = async () => (await t.json('GET', '/api/me/member-code', undefined, member.token)).body.code as string
    return { ...member, coupons: claimed.body.coupons.map((c: { code: string }) => c.code) as string[], code }
  }
  /** Scans the member's code of the next 30 s step (a step is accepted once, and never after a newer one). */
  const scan = async (member: { code: () => Promise<string> }, token = till.token) => {
    t.clock.advanceMs(30_000)
    const verified = await t.json('POST', '/api/staff/member-code/verify', { code: await member.code() }, token)
    expect(verified.status).toBe(200)
  }
  const benefits = (memberId: string, token = till.token) =>
    t.json('GET', `/api/staff/till/benefits?memberId=${memberId}`, undefined, token)
  const purchase = (body: Record<string, unknown>, token = till.token) =>
    t.json('POST', '/api/staff/purchases', body, token)
  const coupon = (code: string) =>
    t.db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirstOrThrow()

  beforeAll(async () => {
    till = await outletWithStaff(t)
  })

  it("shows the scanned member's usable coupons and member price, only to the staff who scanned them", async () => {
    const member = await silverWithCoupons()
    expect(await benefits(member.id)).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_CODE_REQUIRED' } } })
    await scan(member)
    const shown = await benefits(member.id)
    expect(shown).toMatchObject({
      status: 200,
      body: { memberId: member.id, tier: { key: 'silver', name: '白银会员' }, memberPriceDiscountPercent: 5 },
    })
    expect(shown.body.coupons.map((c: { code: string }) => c.code).sort()).toEqual([...member.coupons].sort())
    expect(shown.body.coupons[0]).toMatchObject({ kind: 'cash_off', thresholdFen: 5000, discountFen: 500 })
    const colleague = await outletWithStaff(t)
    expect((await benefits(member.id, colleague.token)).status).toBe(403)
    // Once the scan is spent on a purchase, the till needs a new scan to look again.
    expect((await purchase({ memberId: member.id, amountFen: 1_000, receiptNo: 'TB-0001' })).status).toBe(201)
    expect((await benefits(member.id)).status).toBe(403)
  })

  it('applies a coupon: used once for that order, the purchase records discount and amount paid', async () => {
    const member = await silverWithCoupons()
    await scan(member)
    const answer = await purchase({
      memberId: member.id,
      amountFen: 9_000,
      receiptNo: 'TB-0002',
      couponCode: member.coupons[0].toLowerCase(),
    })
    const orderId = `pos:${till.outletId}:TB-0002`
    expect(answer).toMatchObject({
      status: 201,
      body: {
        status: 'posted',
        orderId,
        amountFen: 9_000,
        discountFen: 500,
        paidFen: 8_500,
        coupon: { code: member.coupons[0], name: '每月领券' },
        hold: null,
        growth: 85, // 1 growth per yuan paid, net of the coupon
      },
    })
    expect(await coupon(member.coupons[0])).toMatchObject({ status: 'used', used_order_id: orderId })
    const order = await t.db.selectFrom('orders').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow()
    expect(order).toMatchObject({ paid_fen: 8_500, source: 'outlet', member_id: member.id })
    const row = await t.db
      .selectFrom('till_purchases')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
    const couponId = (await coupon(member.coupons[0])).id
    expect(row).toMatchObject({ amount_fen: 9_000, discount_fen: 500, paid_fen: 8_500, coupon_id: couponId })
    const used = await t.db
      .selectFrom('benefit_events')
      .select(['order_id', 'amount_fen'])
      .where('coupon_id', '=', couponId)
      .where('event', '=', 'used')
      .execute()
    expect(used).toEqual([{ order_id: orderId, amount_fen: 500 }])
    // The same receipt replayed answers the first outcome; with another coupon it is a different purchase: 409.
    const same = { memberId: member.id, amountFen: 9_000, receiptNo: 'TB-0002', couponCode: member.coupons[0] }
    expect(await purchase(same)).toEqual({ status: 200, body: answer.body })
    expect((await purchase({ ...same, couponCode: member.coupons[1] })).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await coupon(member.coupons[1])).toMatchObject({ status: 'available' })
  })

  it("refuses another member's coupon or one below its threshold, and writes nothing", async () => {
    const holder = await silverWithCoupons()
    const other = await silverWithCoupons()
    await scan(other)
    const footprint = await ledgerFootprint(t)
    const body = { memberId: other.id, amountFen: 9_000, receiptNo: 'TB-0003' }
    expect(await purchase({ ...body, couponCode: holder.coupons[0] })).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_NOT_HOLDER' } },
    })
    expect(await purchase({ ...body, couponCode: other.coupons[0], amountFen: 4_999 })).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_THRESHOLD_NOT_MET' } },
    })
    expect(await ledgerFootprint(t)).toEqual(footprint)
    expect(await coupon(holder.coupons[0])).toMatchObject({ status: 'available' })
    expect(await coupon(other.coupons[0])).toMatchObject({ status: 'available' })
    // The refused attempts rolled back with the scan still unspent, so the purchase goes through without the coupon.
    expect(await purchase(body)).toMatchObject({ status: 201, body: { discountFen: 0, paidFen: 9_000 } })
  })

  it('uses one coupon once when twenty tills apply it to twenty receipts at the same moment', async () => {
    const member = await silverWithCoupons()
    const tills = []
    for (let i = 0; i < 20; i += 1) {
      const staff = await outletWithStaff(t)
      await scan(member, staff.token)
      tills.push(staff)
    }
    const answers = await Promise.all(
      tills.map((staff, i) =>
        purchase(
          { memberId: member.id, amountFen: 6_000, receiptNo: `TB-R${i}`, couponCode: member.coupons[0] },
          staff.token,
        ),
      ),
    )
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'COUPON_ALREADY_USED')).toHaveLength(19)
    const uses = await t.db
      .selectFrom('benefit_events')
      .select('order_id')
      .where('coupon_id', '=', (await coupon(member.coupons[0])).id)
      .where('event', '=', 'used')
      .execute()
    expect(uses).toHaveLength(1)
    const orders = await t.db.selectFrom('orders').select('order_id').where('member_id', '=', member.id).execute()
    // The member's growth order from memberOnTier, and the one till purchase that won the coupon.
    expect(orders).toHaveLength(2)
  })
})
