import { beforeAll, describe, expect, it } from 'vitest'
import { postEntry } from '../ledger/post-entry'
import { verifyLedgers } from '../ledger/verify-ledgers'
import type { LocalPaymentProvider } from './local-payment-provider'
import { expireRedemptions } from './expire-redemptions'
import { adminCall, mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { postNotice } from '../test/payment-notices'
import { createTestApp, useTestApp } from '../test/test-app'

const t = useTestApp({}, { verifyLedgers: false })
let local: LocalPaymentProvider
beforeAll(async () => {
  local = t.deps.payments as LocalPaymentProvider
})

/** A member who has placed a points-plus-cash redemption (80 points + ¥9.90) and not paid yet. */
async function pendingRedemption(fields: Record<string, unknown> = {}) {
  const item = await mallItem(t, { pointsPrice: 80, cashFen: 990, stock: 3, ...fields })
  const member = await memberWithPoints(t, 100)
  const placed = await redeem(t, member.token, { itemId: item.id })
  expect(placed.status).toBe(201)
  return { item, ...member, redemption: placed.body.redemption, payment: placed.body.payment }
}

describe('points plus cash', () => {
  it('holds the points and the stock while payment is due, and hands the client what to pay with', async () => {
    const { item, memberId, redemption, payment } = await pendingRedemption()
    expect(redemption).toMatchObject({
      status: 'pending_payment',
      statusLabel: '待支付',
      pointsCost: 80,
      cashFen: 990,
      pickupCode: null,
    })
    expect(Date.parse(redemption.paymentExpiresAt) - t.clock.now().getTime()).toBe(15 * 60_000)
    expect(payment).toEqual({
      provider: 'local',
      outTradeNo: redemption.id,
      amountFen: 990,
      description: '积分商城-帆布袋',
    })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 80, stock: 2 })
  })

  it('a notice delivered 5 times (twice at once) settles once', async () => {
    const { item, memberId, redemption } = await pendingRedemption()
    const notice = local.pay(redemption.id, t.clock.now())
    const answers = [...(await Promise.all([postNotice(t, notice), postNotice(t, notice)]))]
    for (let i = 0; i < 3; i += 1) answers.push(await postNotice(t, notice))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(answers.filter((a) => a.body.settlement === 'completed')).toHaveLength(1)
    const spends = await t.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('member_id', '=', memberId)
      .where('kind', '=', 'redeem')
      .execute()
    expect(spends).toEqual([{ amount: -80 }])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
    const view = await t.json('GET', `/api/me/redemptions/${redemption.id}`, undefined, await memberToken(memberId))
    expect(view.body.redemption).toMatchObject({ status: 'completed', statusLabel: '待自提' })
    expect(view.body.redemption.pickupCode).toMatch(/^\d{10}$/)
    expect(view.body.redemption.paidAt).not.toBeNull()
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('a notice with a bad signature or a tampered body gets 401 and changes nothing', async () => {
    const { item, memberId, redemption } = await pendingRedemption()
    const notice = local.pay(redemption.id, t.clock.now())
    const before = await pointsAndStock(t, memberId, item.id)
    const forged = await postNotice(t, {
      headers: { ...notice.headers, 'Wechatpay-Signature': Buffer.from('forged').toString('base64') },
      body: notice.body,
    })
    expect(forged.status).toBe(401)
    expect(forged.body.error.code).toBe('PAYMENT_NOTICE_INVALID')
    const tampered = await postNotice(t, {
      headers: notice.headers,
      body: notice.body.replace('"summary":"支付成功"', '"summary":"x"'),
    })
    expect(tampered.status).toBe(401)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual(before)
    const row = await t.db
      .selectFrom('mall_redemptions')
      .select('status')
      .where('id', '=', redemption.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('pending_payment')
    expect(t.logLines.some((line) => line.includes('"alert":"payment_notice_invalid"'))).toBe(true)
  })

  it('unpaid after 15 minutes: expired, the stock and the points come back exactly', async () => {
    const { item, memberId, redemption } = await pendingRedemption()
    t.clock.advanceMs(14 * 60_000)
    expect(await expireRedemptions(t.deps, t.clock.now())).toMatchObject({ expired: 0 })
    t.clock.advanceMs(60_000)
    const sweep = await expireRedemptions(t.deps, t.clock.now())
    expect(sweep.expired).toBeGreaterThanOrEqual(1)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    const row = await t.db
      .selectFrom('mall_redemptions')
      .select(['status', 'closed_at'])
      .where('id', '=', redemption.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'expired', closed_at: t.clock.now().toISOString() })
    expect((await local.queryOrder(redemption.id)).tradeState).toBe('CLOSED')
    expect(await expireRedemptions(t.deps, t.clock.now())).toEqual({ expired: 0, completed: 0, deferred: 0 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('a paid order whose notice is late completes at expiry instead of being released', async () => {
    const { item, memberId, redemption } = await pendingRedemption()
    local.pay(redemption.id, t.clock.now()) // paid, but the notice never arrives
    t.clock.advanceMs(16 * 60_000)
    expect(await expireRedemptions(t.deps, t.clock.now())).toMatchObject({ completed: 1 })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
  })

  it('points lapsing while the shopper pays: cash is refunded and the redemption flagged, nothing lost', async () => {
    const item = await mallItem(t, { pointsPrice: 80, cashFen: 990, stock: 3 })
    const { token, memberId } = await memberWithPoints(t, 0)
    await t.db.transaction().execute((trx) =>
      postEntry(trx, {
        memberId,
        ledger: 'points',
        amount: 100,
        kind: 'adjustment',
        reason: '即将过期的积分',
        actor: 'admin',
        ruleVersion: 1,
        businessDay: '2026-11-30',
        occurredAt: t.clock.now(),
        now: t.clock.now(),
        credit: { expiresAt: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString() },
      }),
    )
    const placed = await redeem(t, token, { itemId: item.id })
    expect(placed.status).toBe(201)
    t.clock.advanceMs(10 * 60_000)
    const answer = await postNotice(t, local.pay(placed.body.redemption.id, t.clock.now()))
    expect(answer).toMatchObject({ status: 200, body: { settlement: 'refunded_late' } })
    const row = await t.db
      .selectFrom('mall_redemptions')
      .select(['status', 'needs_reconciliation', 'refund_no'])
      .where('id', '=', placed.body.redemption.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'refunded', needs_reconciliation: 1 })
    expect(row.refund_no).not.toBeNull()
    expect((await local.queryOrder(placed.body.redemption.id)).tradeState).toBe('REFUND')
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('cancel before payment releases exactly; cancelling again is refused', async () => {
    const { item, memberId, token, redemption } = await pendingRedemption()
    const cancelled = await t.json('POST', `/api/me/redemptions/${redemption.id}/cancel`, {}, token)
    expect(cancelled.body.redemption).toMatchObject({ status: 'cancelled', statusLabel: '已取消' })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    const again = await t.json('POST', `/api/me/redemptions/${redemption.id}/cancel`, {}, token)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('REDEMPTION_NOT_PENDING')
  })

  it('refund after payment returns the points and the cash; a second refund is refused', async () => {
    const { item, memberId, token, redemption } = await pendingRedemption()
    expect(
      (await t.json('POST', `/api/me/redemptions/${redemption.id}/local-pay`, {}, token)).body.redemption.status,
    ).toBe('completed')
    const refunded = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemption.id}/refund`, {
      reason: '顾客不想要了',
    })
    expect(refunded.status).toBe(200)
    expect(refunded.body.redemption).toMatchObject({ status: 'refunded', pickupCode: null })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    expect((await local.queryOrder(redemption.id)).tradeState).toBe('REFUND')
    const again = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemption.id}/refund`, {
      reason: '顾客不想要了',
    })
    expect(again.body.error.code).toBe('REDEMPTION_NOT_REFUNDABLE')
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('another member cannot see, pay or cancel my redemption', async () => {
    const { redemption } = await pendingRedemption()
    const other = await memberWithPoints(t, 0)
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/cancel'],
      ['POST', '/local-pay'],
      ['POST', '/payment'],
    ] as const) {
      const response = await t.json(
        method,
        `/api/me/redemptions/${redemption.id}${path}`,
        method === 'POST' ? {} : undefined,
        other.token,
      )
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('REDEMPTION_NOT_FOUND')
    }
  })
})

describe('without a payment provider', () => {
  it('refuses a points-plus-cash item and holds nothing; points-only items still work', async () => {
    const bare = await createTestApp({ payments: null })
    try {
      const cash = await mallItem(bare, { cashFen: 100 })
      const { token, memberId } = await memberWithPoints(bare, 100)
      const refused = await redeem(bare, token, { itemId: cash.id })
      expect(refused.status).toBe(503)
      expect(refused.body.error.code).toBe('PAYMENT_UNAVAILABLE')
      expect(await pointsAndStock(bare, memberId, cash.id)).toEqual({ balance: 100, held: 0, stock: 100 })
      const pointsOnly = await mallItem(bare)
      expect((await redeem(bare, token, { itemId: pointsOnly.id })).status).toBe(201)
    } finally {
      await bare.close()
    }
  })
})

async function memberToken(memberId: string) {
  const member = await t.db.selectFrom('members').select('phone').where('id', '=', memberId).executeTakeFirstOrThrow()
  return (await t.json('POST', '/api/auth/local', { phone: member.phone })).body.token as string
}
