import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { adminCall, mallItem, memberWithPoints, redeem } from '../test/mall-fixtures'
import { ledgerFootprint, orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'

describe('account closing', () => {
  const t = useTestApp()

  const memberRow = (id: string) =>
    t.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const pointsOf = async (id: string) =>
    (await t.db
      .selectFrom('ledger_accounts')
      .select(['balance', 'held'])
      .where('member_id', '=', id)
      .where('ledger', '=', 'points')
      .executeTakeFirst()) ?? { balance: 0, held: 0 }
  const couponsOf = (id: string) => t.db.selectFrom('coupons').select('status').where('member_id', '=', id).execute()
  const issueCoupons = (memberId: string) =>
    adminCall(
      t,
      'POST',
      `/api/admin/members/${memberId}/coupons`,
      { benefitKey: 'coupon_pack_monthly', reason: '测试发券' },
      `coupon-${randomUUID()}`,
    )

  it('shows what is lost, refuses without confirmation of the points shown, then forfeits and erases', async () => {
    const { token, memberId } = await memberWithPoints(t, 420)
    expect((await issueCoupons(memberId)).status).toBe(201)
    const preview = await t.json('GET', '/api/me/closing', undefined, token)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({
      points: 420,
      tier: { key: 'regular' },
      pendingRedemptions: [],
      canClose: true,
    })
    expect(preview.body.coupons.length).toBeGreaterThan(0)

    for (const body of [
      { confirm: false, points: 420 },
      { confirm: true, points: 400 },
    ]) {
      const refused = await t.json('POST', '/api/me/closing', body, token)
      expect(refused).toMatchObject({ status: 400, body: { error: { code: 'CLOSE_NOT_CONFIRMED' } } })
    }
    expect((await memberRow(memberId)).closed_at).toBeNull()
    expect(await pointsOf(memberId)).toMatchObject({ balance: 420 })

    const closed = await t.json('POST', '/api/me/closing', { confirm: true, points: 420 }, token)
    expect(closed.status).toBe(200)
    expect(closed.body).toEqual({ memberId, closedAt: t.clock.now().toISOString() })
    const row = await memberRow(memberId)
    expect(row).toMatchObject({
      phone: null,
      unionid: null,
      nickname: '已注销会员',
      birthday: null,
      closed_by: 'member',
    })
    expect(row.openid).toBe(`closed:${memberId}`)
    expect(await pointsOf(memberId)).toMatchObject({ balance: 0 })
    const forfeit = await t.db
      .selectFrom('ledger_entries')
      .select(['amount', 'reason'])
      .where('member_id', '=', memberId)
      .where('idempotency_key', '=', `closing:points:${memberId}`)
      .executeTakeFirstOrThrow()
    expect(forfeit).toEqual({ amount: -420, reason: '注销账号，剩余积分作废' })
    expect((await couponsOf(memberId)).every((c) => c.status === 'expired')).toBe(true)
    for (const table of ['sessions', 'member_codes', 'notifications'] as const) {
      const left = await t.db.selectFrom(table).select('member_id').where('member_id', '=', memberId).execute()
      expect(left, table).toEqual([])
    }
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('ends the session, and the same phone afterwards logs in as a visitor and joins as a new member', async () => {
    const phone = '13922223333'
    const token = await t.joinedMember(phone)
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    expect((await t.json('POST', '/api/me/closing', { confirm: true, points: 0 }, token)).status).toBe(200)
    expect((await t.json('GET', '/api/me', undefined, token)).status).toBe(401)
    const again = await t.json('POST', '/api/auth/local', { phone })
    expect(again.status).toBe(200)
    expect(again.body.member).toBeNull()
    const joined = await t.json('POST', '/api/members/join', {}, again.body.token)
    expect(joined.body).toMatchObject({ joinedNow: true })
    expect(joined.body.member.id).not.toBe(memberId)
  })

  it('refuses a new order for a closed member as unknown; a refund of an earlier order still applies', async () => {
    const token = await t.joinedMember('13922224444')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    const before = orderEvent('order.paid', `closing-${memberId}-1`, { memberId }, 20_000)
    expect((await sendOrderEvent(t, before)).status).toBe(200)
    const { points } = (await t.json('GET', '/api/me/closing', undefined, token)).body
    expect((await t.json('POST', '/api/me/closing', { confirm: true, points }, token)).status).toBe(200)

    const footprint = await ledgerFootprint(t)
    const after = await sendOrderEvent(t, orderEvent('order.paid', `closing-${memberId}-2`, { memberId }, 30_000))
    expect(after).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } })
    expect(await ledgerFootprint(t)).toEqual(footprint)

    const refund = orderEvent('order.refunded', `closing-${memberId}-1`, { memberId }, 20_000, {
      refundId: `closing-${memberId}-r1`,
      refundAmountFen: 20_000,
    })
    expect((await sendOrderEvent(t, refund)).status).toBe(200)
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('refuses while a redemption waits for shipping, with the reason, and changes nothing', async () => {
    const { token, memberId } = await memberWithPoints(t, 300)
    const item = await mallItem(t, { fulfilment: 'delivery', pointsPrice: 100 })
    const delivery = { name: '李四', phone: '13800000000', address: '上海市徐汇区漕溪北路 1 号' }
    const redeemed = await redeem(t, token, { itemId: item.id, delivery })
    expect(redeemed.status).toBe(201)
    const preview = await t.json('GET', '/api/me/closing', undefined, token)
    expect(preview.body).toMatchObject({
      canClose: false,
      pendingRedemptions: [{ id: redeemed.body.redemption.id, waitingFor: 'shipping' }],
    })
    const refused = await t.json('POST', '/api/me/closing', { confirm: true, points: 200 }, token)
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'CLOSE_PENDING_REDEMPTIONS' } } })
    expect(await memberRow(memberId)).toMatchObject({ closed_at: null, phone: expect.any(String) })
    expect(await pointsOf(memberId)).toMatchObject({ balance: 200 })
    expect((await t.json('GET', '/api/me', undefined, token)).status).toBe(200)
  })

  it('lets an operator close on request with a reason, audited without the phone; a second try refused', async () => {
    const { memberId } = await memberWithPoints(t, 50)
    const { phone } = await memberRow(memberId)
    const path = `/api/admin/members/${memberId}/closing`
    expect((await adminCall(t, 'POST', path, {})).status).toBe(400)
    const closed = await adminCall(t, 'POST', path, { reason: '会员来电申请注销' })
    expect(closed.status).toBe(200)
    const lines = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.closed').execute()
    const line = lines.find((l) => l.target_id === memberId)!
    expect(JSON.parse(line.detail)).toEqual({
      by: 'operator',
      reason: '会员来电申请注销',
      pointsForfeited: 50,
      couponsExpired: 0,
    })
    expect(JSON.stringify(line)).not.toContain(phone!)
    expect((await memberRow(memberId)).closed_by).toBe(line.actor)
    const again = await adminCall(t, 'POST', path, { reason: '会员来电申请注销' })
    expect(again).toMatchObject({ status: 403, body: { error: { code: 'ACCOUNT_CLOSED' } } })
    const coupon = await issueCoupons(memberId)
    expect(coupon).toMatchObject({ status: 403, body: { error: { code: 'ACCOUNT_CLOSED' } } })
    expect(await couponsOf(memberId)).toEqual([])
  })
})
