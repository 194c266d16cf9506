import { describe, expect, it } from 'vitest'
import { signWebhook } from '../http/webhook-signature'
import { memberOnTier, shopRequest } from '../test/shop-requests'
import { createTestApp, testWebhookSecret, useTestApp } from '../test/test-app'

describe('shop coupon and pricing API', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 90 }, { verifyLedgers: false })

  /** A silver member with this month's pack claimed: two 满50减5 coupons. */
  const memberWithCoupons = async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    const claimed = await t.json('POST', '/api/me/benefits/coupon_pack_monthly/claim', undefined, m.token)
    expect(claimed.status).toBe(201)
    return { ...m, codes: claimed.body.coupons.map((c: any) => c.code) as string[] }
  }
  const couponRow = (code: string) =>
    t.db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
  const usedEvents = async (memberId: string) =>
    (
      await t.db
        .selectFrom('benefit_events')
        .select('id')
        .where('event', '=', 'used')
        .where('member_id', '=', memberId)
        .execute()
    ).length

  it('looks a coupon up by code with its owner, terms and status; unknown codes are 404', async () => {
    const m = await memberWithCoupons()
    const found = await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[0]}`)
    expect(found).toMatchObject({
      status: 200,
      body: {
        coupon: {
          code: m.codes[0],
          memberId: m.id,
          benefitKey: 'coupon_pack_monthly',
          kind: 'cash_off',
          thresholdFen: 5000,
          discountFen: 500,
          status: 'available',
          usable: true,
          validUntil: '2026-12-22T16:00:00.000Z',
          usedAt: null,
        },
      },
    })
    expect((await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[0].toLowerCase()}`)).status).toBe(200)
    expect(await shopRequest(t, 'GET', '/api/shop/coupons/ZZZZZZZZZZZZZZZZ')).toEqual({
      status: 404,
      body: { error: { code: 'COUPON_NOT_FOUND', message: '优惠券不存在' } },
    })
  })

  it('refuses unsigned, wrongly signed, stale or altered calls with 401 and changes nothing', async () => {
    const m = await memberWithCoupons()
    const path = `/api/shop/coupons/${m.codes[0]}/use`
    const body = { orderId: 'SO-401', orderAmountFen: 9_000, member: { memberId: m.id } }
    const stale = String(Math.floor(t.clock.now().getTime() / 1000) - 301)
    const refused = [
      await shopRequest(t, 'POST', path, body, { signature: null }),
      await shopRequest(t, 'POST', path, body, { secret: 'whsec_someone_else' }),
      await shopRequest(t, 'POST', path, body, { signature: 'sha256=00' }),
      await shopRequest(t, 'POST', path, body, { timestamp: stale }),
      await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[0]}`, undefined, { signature: null }),
      await shopRequest(t, 'GET', `/api/shop/members/${m.id}/pricing`, undefined, { secret: 'whsec_someone_else' }),
    ]
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual([
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
      [401, 'WEBHOOK_TIMESTAMP_STALE'],
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
    ])
    // A signature over one body does not carry another.
    const signedFor = await shopRequest(t, 'POST', path, { ...body, orderAmountFen: 1 })
    expect(signedFor.body.error.code).toBe('COUPON_THRESHOLD_NOT_MET')
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000))
    const tampered = await t.app.request(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        'x-mc-timestamp': timestamp,
        'x-mc-signature': signWebhook(testWebhookSecret, timestamp, JSON.stringify({ ...body, orderAmountFen: 1 })),
      },
    })
    expect(tampered.status).toBe(401)
    expect(await couponRow(m.codes[0])).toMatchObject({ status: 'available', used_at: null, used_order_id: null })
    expect(await usedEvents(m.id)).toBe(0)
  })

  it('uses a coupon once, above its threshold, and records the use for effectiveness', async () => {
    const m = await memberWithCoupons()
    const path = `/api/shop/coupons/${m.codes[0]}/use`
    const short = await shopRequest(t, 'POST', path, {
      orderId: 'SO-1',
      orderAmountFen: 4_999,
      member: { memberId: m.id },
    })
    expect(short).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_THRESHOLD_NOT_MET', details: { thresholdFen: 5000, orderAmountFen: 4999 } } },
    })
    expect(await couponRow(m.codes[0])).toMatchObject({ status: 'available' })

    t.clock.set('2026-11-25T03:00:00.000Z')
    const used = await shopRequest(t, 'POST', path, {
      orderId: 'SO-1',
      orderAmountFen: 5_000,
      member: { memberId: m.id },
    })
    expect(used).toMatchObject({
      status: 200,
      body: {
        discountFen: 500,
        coupon: {
          code: m.codes[0],
          memberId: m.id,
          status: 'used',
          usedAt: '2026-11-25T03:00:00.000Z',
          usedOrderId: 'SO-1',
        },
      },
    })
    const again = await shopRequest(t, 'POST', path, {
      orderId: 'SO-1',
      orderAmountFen: 5_000,
      member: { memberId: m.id },
    })
    expect(again).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_ALREADY_USED', details: { sameOrder: true } } },
    })
    const other = await shopRequest(t, 'POST', path, {
      orderId: 'SO-2',
      orderAmountFen: 9_000,
      member: { memberId: m.id },
    })
    expect(other).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_ALREADY_USED', details: { sameOrder: false } } },
    })

    const event = await t.db
      .selectFrom('benefit_events')
      .selectAll()
      .where('event', '=', 'used')
      .where('member_id', '=', m.id)
      .execute()
    expect(event).toEqual([
      expect.objectContaining({
        benefit_key: 'coupon_pack_monthly',
        order_id: 'SO-1',
        amount_fen: 500,
        tier_key: 'silver',
        business_day: '2026-11-25',
      }),
    ])
    const mine = await t.json('GET', '/api/me/coupons?status=used', undefined, m.token)
    expect(mine.body.coupons.map((c: any) => [c.code, c.usedOrderId])).toEqual([[m.codes[0], 'SO-1']])
    expect((await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[0]}`)).body.coupon).toMatchObject({
      status: 'used',
      usable: false,
    })
  })

  it("refuses another member's order with 409 COUPON_NOT_HOLDER; the coupon stays usable by its holder", async () => {
    const holder = await memberWithCoupons()
    const stranger = await memberOnTier(t, 0)
    const holderPhone = (
      await t.db.selectFrom('members').select('phone').where('id', '=', holder.id).executeTakeFirstOrThrow()
    ).phone!
    const path = `/api/shop/coupons/${holder.codes[0]}/use`
    const order = { orderId: 'SO-H1', orderAmountFen: 9_000 }
    for (const member of [{ memberId: stranger.id }, { phone: '13900000000' }, { openid: 'o-not-the-holder' }]) {
      expect(await shopRequest(t, 'POST', path, { ...order, member })).toMatchObject({
        status: 409,
        body: { error: { code: 'COUPON_NOT_HOLDER' } },
      })
    }
    expect(await couponRow(holder.codes[0])).toMatchObject({ status: 'available', used_at: null, used_order_id: null })
    expect(await usedEvents(holder.id)).toBe(0)
    // Named by phone as the order webhook may name the buyer, the holder's own order uses it.
    const own = await shopRequest(t, 'POST', path, { ...order, member: { phone: holderPhone } })
    expect(own).toMatchObject({ status: 200, body: { coupon: { memberId: holder.id, usedOrderId: 'SO-H1' } } })
  })

  it('refuses an expired coupon: usable until the end of its last business day, not after', async () => {
    const m = await memberWithCoupons()
    t.clock.set('2026-12-22T15:59:59.000Z') // 23:59:59 on 22 December in Shanghai, the 30th day
    expect((await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[0]}`)).body.coupon).toMatchObject({
      status: 'available',
      usable: true,
    })
    expect(
      (
        await shopRequest(t, 'POST', `/api/shop/coupons/${m.codes[0]}/use`, {
          orderId: 'SO-E1',
          orderAmountFen: 6_000,
          member: { memberId: m.id },
        })
      ).status,
    ).toBe(200)
    t.clock.set('2026-12-22T16:00:00.000Z')
    expect((await shopRequest(t, 'GET', `/api/shop/coupons/${m.codes[1]}`)).body.coupon).toMatchObject({
      status: 'expired',
      usable: false,
    })
    const late = await shopRequest(t, 'POST', `/api/shop/coupons/${m.codes[1]}/use`, {
      orderId: 'SO-E2',
      orderAmountFen: 6_000,
      member: { memberId: m.id },
    })
    expect(late).toMatchObject({
      status: 409,
      body: { error: { code: 'COUPON_EXPIRED', details: { validUntil: '2026-12-22T16:00:00.000Z' } } },
    })
    expect(await couponRow(m.codes[1])).toMatchObject({ status: 'available', used_at: null })
  })

  it('caps a cash coupon at the order amount', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 0, '1990-11-02')
    const gift = await t.json('POST', '/api/me/benefits/birthday_gift/claim', undefined, m.token)
    const used = await shopRequest(t, 'POST', `/api/shop/coupons/${gift.body.coupons[0].code}/use`, {
      orderId: 'SO-B',
      orderAmountFen: 650,
      member: { memberId: m.id },
    })
    expect(used).toMatchObject({ status: 200, body: { discountFen: 650 } })
  })

  it('refuses an invalid use body, signed', async () => {
    const m = await memberWithCoupons()
    const bad = await shopRequest(t, 'POST', `/api/shop/coupons/${m.codes[0]}/use`, { orderId: '', orderAmountFen: -1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: any) => i.path).sort()).toEqual([
      'member',
      'orderAmountFen',
      'orderId',
    ])
  })

  it('tells the shop the member-price discount for a member, 0 without one', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const regular = await memberOnTier(t)
    const silver = await memberOnTier(t, 600)
    expect(await shopRequest(t, 'GET', `/api/shop/members/${regular.id}/pricing`)).toEqual({
      status: 200,
      body: {
        memberId: regular.id,
        tier: { key: 'regular', name: '普通会员' },
        memberPriceDiscountPercent: 0,
      },
    })
    expect((await shopRequest(t, 'GET', `/api/shop/members/${silver.id}/pricing`)).body).toMatchObject({
      tier: { key: 'silver' },
      memberPriceDiscountPercent: 5,
    })
    expect(await shopRequest(t, 'GET', '/api/shop/members/mbr_nobody/pricing')).toMatchObject({
      status: 404,
      body: { error: { code: 'MEMBER_NOT_FOUND' } },
    })
  })

  it('answers 503 while no shop secret is configured', async () => {
    const unconfigured = await createTestApp({ webhookSecret: null })
    try {
      const response = await shopRequest(unconfigured, 'GET', '/api/shop/coupons/ZZZZZZZZZZZZZZZZ')
      expect(response).toMatchObject({ status: 503, body: { error: { code: 'WEBHOOK_NOT_CONFIGURED' } } })
    } finally {
      await unconfigured.close()
    }
  })
})
