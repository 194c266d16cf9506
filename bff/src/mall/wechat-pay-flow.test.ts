import { createPublicKey } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { startFakeWechatPay, type FakeWechatPay, type RecordedRequest } from '../test/fake-wechat-pay-server'
import { adminCall, mallItem, memberWithPoints, pointsAndStock, redeem } from '../test/mall-fixtures'
import { postNotice } from '../test/payment-notices'
import { createTestApp, type TestApp } from '../test/test-app'
import { wechatPayTestKeys } from '../test/wechat-pay-keys'
import { wechatNotice } from '../test/wechat-pay-kit'
import { expireRedemptions } from './expire-redemptions'
import { createWechatPayProvider } from './wechat-pay/create-wechat-pay-provider'
import { paySignMessage } from './wechat-pay/payment-params'
import { beijingTime, verifyMessage } from './wechat-pay/rsa-signature'
import type { WechatTransaction } from './wechat-pay/transaction'

// The whole mall against WeChat Pay API v3: the real adapter signs and verifies every call, and the fake server
// plays WeChat. The fake checks request timestamps and signs its answers with the real clock, which the adapter
// also uses; notices are checked against the app's TestClock, so every notice here is built at `t.clock.now()`.

const keys = wechatPayTestKeys()
const mchid = '1230000109'
const appid = 'wxd678efh567hg6787'
const notifyUrl = 'https://mc.example.com/webhooks/payments/wechat'
const jsapiPath = '/v3/pay/transactions/jsapi'
const refundPath = '/v3/refund/domestic/refunds'

let t: TestApp
let fake: FakeWechatPay
/** Runs just before the adapter sends a request to the fake; a test sets it to act "between" two calls. */
let beforeWechatCall: ((url: string) => void) | null = null

beforeAll(async () => {
  fake = await startFakeWechatPay({
    mchid,
    appid,
    merchantPublicKeyPem: keys.merchant.publicKeyPem,
    merchantSerialNo: keys.merchant.serialNo,
    platformPrivateKeyPem: keys.platform.privateKeyPem,
    platformSerial: keys.platform.certificateSerial,
    apiV3Key: keys.apiV3Key,
  })
  const payments = createWechatPayProvider({
    mchid,
    appid,
    merchantSerialNo: keys.merchant.serialNo,
    merchantPrivateKeyPem: keys.merchant.privateKeyPem,
    apiV3Key: keys.apiV3Key,
    platformKeys: { [keys.platform.certificateSerial]: keys.platform.certificatePem },
    notifyUrl,
    baseUrl: fake.url,
    timeoutMs: 5000,
    fetch: (input, init) => {
      beforeWechatCall?.(String(input))
      return fetch(input, init)
    },
  })
  t = await createTestApp({ payments })
  // The app's clock starts at real time, so WeChat-side timestamps and the app's notice check agree.
  t.clock.set(new Date().toISOString())
})
afterAll(async () => {
  await t.close()
  await fake.close()
})
afterEach(() => {
  fake.setResponseSigning('valid')
  beforeWechatCall = null
})

/** A member with an openid (JSAPI needs one) who placed a points-plus-cash redemption (80 points + ¥9.90), unpaid. */
async function pendingRedemption(fields: Record<string, unknown> = {}) {
  const item = await mallItem(t, { pointsPrice: 80, cashFen: 990, stock: 3, ...fields })
  const member = await memberWithPoints(t, 100)
  const openid = `o_test_${member.memberId.slice(-20)}`
  await t.db.updateTable('members').set({ openid }).where('id', '=', member.memberId).execute()
  const placed = await redeem(t, member.token, { itemId: item.id })
  expect(placed.status).toBe(201)
  const redemptionId = placed.body.redemption.id as string
  return { item, ...member, openid, redemptionId, redemption: placed.body.redemption, payment: placed.body.payment }
}

/** The calls the fake received about one order, in order. */
function callsFor(outTradeNo: string): RecordedRequest[] {
  return fake.requests.filter((r) => r.url.includes(outTradeNo) || r.body.includes(`"out_trade_no":"${outTradeNo}"`))
}
const describeCall = (r: RecordedRequest) => `${r.method} ${r.url.replace(/\?.*$/, '')}`

/** The transaction WeChat would report once the shopper paid; tests override fields to forge mismatches. */
function paidTransaction(outTradeNo: string, overrides: Partial<WechatTransaction> = {}): WechatTransaction {
  return {
    appid,
    mchid,
    out_trade_no: outTradeNo,
    transaction_id: `4200000000${Date.now()}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: beijingTime(t.clock.now()),
    payer: { openid: 'o_test_payer' },
    amount: { total: 990, payer_total: 990, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  }
}

/** A notice signed by the platform key, unless a test signs it with another key or at another time. */
function platformNotice(transaction: WechatTransaction, signer: { privateKeyPem?: string; now?: Date } = {}) {
  return wechatNotice(transaction, {
    platformPrivateKey: signer.privateKeyPem ?? keys.platform.privateKeyPem,
    serial: keys.platform.certificateSerial,
    apiV3Key: keys.apiV3Key,
    now: signer.now ?? t.clock.now(),
  })
}

async function redemptionRow(id: string) {
  return t.db.selectFrom('mall_redemptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function spends(memberId: string) {
  return t.db
    .selectFrom('ledger_entries')
    .select('amount')
    .where('member_id', '=', memberId)
    .where('kind', '=', 'redeem')
    .execute()
}

async function paymentEvents(redemptionId: string) {
  const rows = await t.db
    .selectFrom('payment_events')
    .select('event')
    .where('redemption_id', '=', redemptionId)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.event)
}

/** Moves the clock past the payment window, so the next sweep finds the redemption due. */
const pastPaymentWindow = () => t.clock.advanceMs(15 * 60_000 + 1000)

describe('placing a points-plus-cash redemption', () => {
  it('creates a JSAPI order for the payer, returning wx.requestPayment parameters signed by the merchant', async () => {
    const { openid, redemptionId, redemption, payment } = await pendingRedemption()
    const [create, ...others] = callsFor(redemptionId)
    expect(others).toEqual([])
    expect(create).toMatchObject({ method: 'POST', url: jsapiPath })
    const sent = JSON.parse(create!.body)
    expect(sent).toMatchObject({
      appid,
      mchid,
      out_trade_no: redemptionId,
      notify_url: notifyUrl,
      description: '积分商城-帆布袋',
      amount: { total: 990, currency: 'CNY' },
      payer: { openid },
    })
    expect(sent.time_expire).toBe(beijingTime(new Date(redemption.paymentExpiresAt)))
    expect(sent.time_expire).toMatch(/\+08:00$/)
    const windowMs = Date.parse(sent.time_expire) - t.clock.now().getTime()
    expect(windowMs).toBeGreaterThan(15 * 60_000 - 1000)
    expect(windowMs).toBeLessThanOrEqual(15 * 60_000)

    expect(payment).toMatchObject({
      provider: 'wechat',
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    })
    const message = paySignMessage(appid, payment.timeStamp, payment.nonceStr, payment.package)
    expect(verifyMessage(createPublicKey(keys.merchant.publicKeyPem), message, payment.paySign)).toBe(true)
    expect(
      verifyMessage(
        createPublicKey(keys.merchant.publicKeyPem),
        message.replace('prepay_id=', 'prepay_id=x'),
        payment.paySign,
      ),
    ).toBe(false)
  })
})

describe('payment notices', () => {
  it('a success notice delivered 5 times (3 at once) is answered 200 each time and settles once', async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    const notice = fake.markPaid(redemptionId, t.clock.now())
    const answers = await Promise.all([postNotice(t, notice), postNotice(t, notice), postNotice(t, notice)])
    for (let i = 0; i < 2; i += 1) answers.push(await postNotice(t, notice))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(answers.filter((a) => a.body.settlement === 'completed')).toHaveLength(1)
    expect(await spends(memberId)).toEqual([{ amount: -80 }])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
    const row = await redemptionRow(redemptionId)
    expect(row).toMatchObject({ status: 'completed', transaction_id: expect.stringMatching(/^4200/) })
    expect(row.paid_at).toBe(new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000).toISOString())
    const hold = await t.db
      .selectFrom('points_holds')
      .select('status')
      .where('id', '=', row.hold_id!)
      .executeTakeFirstOrThrow()
    expect(hold.status).toBe('captured')
    expect(await paymentEvents(redemptionId)).toEqual(['paid_notice'])
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it("a notice signed with a key WeChat doesn't hold, or sent too long ago, gets 401 and changes nothing", async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    const before = await pointsAndStock(t, memberId, item.id)
    const forged = await postNotice(
      t,
      platformNotice(paidTransaction(redemptionId), { privateKeyPem: keys.stranger.privateKeyPem }),
    )
    expect(forged.status).toBe(401)
    expect(forged.body.error.code).toBe('PAYMENT_NOTICE_INVALID')
    const stale = await postNotice(
      t,
      platformNotice(paidTransaction(redemptionId), { now: new Date(t.clock.now().getTime() - 6 * 60_000) }),
    )
    expect(stale.status).toBe(401)
    expect(stale.body.error.code).toBe('PAYMENT_NOTICE_INVALID')
    expect(await pointsAndStock(t, memberId, item.id)).toEqual(before)
    expect(await redemptionRow(redemptionId)).toMatchObject({
      status: 'pending_payment',
      transaction_id: null,
      paid_at: null,
    })
    expect(await spends(memberId)).toEqual([])
    expect(
      t.logLines.some((line) => line.includes('"alert":"payment_notice_invalid"') && line.includes('stale timestamp')),
    ).toBe(true)
  })

  it.each([
    ['amount', { amount: { total: 1, payer_total: 1, currency: 'CNY' } }],
    ['mchid', { mchid: '1900000001' }],
    ['appid', { appid: 'wx0000000000000000' }],
  ] as const)(
    'a genuine notice whose %s differs from the order gets 400 and an alert, and changes nothing',
    async (field, overrides) => {
      const { item, memberId, redemptionId } = await pendingRedemption()
      const before = await pointsAndStock(t, memberId, item.id)
      const answer = await postNotice(t, platformNotice(paidTransaction(redemptionId, overrides)))
      expect(answer.status).toBe(400)
      expect(answer.body.error.code).toBe('PAYMENT_NOTICE_MISMATCH')
      expect(await pointsAndStock(t, memberId, item.id)).toEqual(before)
      expect(await redemptionRow(redemptionId)).toMatchObject({ status: 'pending_payment', transaction_id: null })
      expect(await spends(memberId)).toEqual([])
      const alerts = t.logLines.filter(
        (line) => line.includes('"alert":"payment_notice_mismatch"') && line.includes(redemptionId),
      )
      expect(alerts).toHaveLength(1)
      expect(JSON.parse(alerts[0]!).mismatches).toEqual([field])
      expect(await paymentEvents(redemptionId)).toEqual(['mismatch'])
    },
  )
})

describe('expiry', () => {
  it('a genuine notice behind a byte-order mark (bytes WeChat never signed) gets 401 and changes nothing', async () => {
    const { redemptionId } = await pendingRedemption()
    const genuine = platformNotice(paidTransaction(redemptionId))
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(genuine.body, 'utf8')])
    const refused = await postNotice(t, { ...genuine, body: withBom })
    expect(refused.status).toBe(401)
    expect(refused.body.error.code).toBe('PAYMENT_NOTICE_INVALID')
    expect((await redemptionRow(redemptionId)).status).toBe('pending_payment')
    expect((await postNotice(t, genuine)).status).toBe(200)
    expect((await redemptionRow(redemptionId)).status).toBe('completed')
  })

  it("answers WeChat's WECHATPAY/SIGNTEST/ probe 401 and logs it as a probe, not as a forged notice", async () => {
    const { redemptionId } = await pendingRedemption()
    const genuine = platformNotice(paidTransaction(redemptionId))
    const probe = { ...genuine, headers: { ...genuine.headers, 'Wechatpay-Signature': 'WECHATPAY/SIGNTEST/abc' } }
    const before = t.logLines.length
    const refused = await postNotice(t, probe)
    expect(refused.status).toBe(401)
    const logged = t.logLines.slice(before).join('\n')
    expect(logged).toContain('"event":"wechatpay_signature_probe"')
    expect(logged).not.toContain('payment_notice_invalid')
    expect((await redemptionRow(redemptionId)).status).toBe('pending_payment')
  })

  it('after 15 minutes asks WeChat, closes the order and gives the points and the stock back exactly', async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 80, stock: 2 })
    pastPaymentWindow()
    const sweep = await expireRedemptions(t.deps, t.clock.now())
    expect(sweep.expired).toBeGreaterThanOrEqual(1)
    expect(callsFor(redemptionId).map(describeCall)).toEqual([
      `POST ${jsapiPath}`,
      `GET /v3/pay/transactions/out-trade-no/${redemptionId}`,
      `POST /v3/pay/transactions/out-trade-no/${redemptionId}/close`,
      // Asked again after the close: a payment made up to the close completes instead of being released.
      `GET /v3/pay/transactions/out-trade-no/${redemptionId}`,
    ])
    expect(callsFor(redemptionId)[1]!.url).toBe(`/v3/pay/transactions/out-trade-no/${redemptionId}?mchid=${mchid}`)
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    expect(await redemptionRow(redemptionId)).toMatchObject({
      status: 'expired',
      closed_at: t.clock.now().toISOString(),
    })
    expect(await paymentEvents(redemptionId)).toEqual(['expired'])
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it("defers and releases nothing when WeChat's answer cannot be verified", async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    pastPaymentWindow()
    fake.setResponseSigning('bad')
    const sweep = await expireRedemptions(t.deps, t.clock.now())
    expect(sweep.deferred).toBeGreaterThanOrEqual(1)
    expect(callsFor(redemptionId).map(describeCall)).toEqual([
      `POST ${jsapiPath}`,
      `GET /v3/pay/transactions/out-trade-no/${redemptionId}`,
    ])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 80, stock: 2 })
    expect(await redemptionRow(redemptionId)).toMatchObject({ status: 'pending_payment', closed_at: null })
    fake.setResponseSigning('valid')
    await expireRedemptions(t.deps, t.clock.now())
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
  })

  // WeChat refuses the close of an order paid a moment earlier (ORDERPAID); the sweep asks again after closing.
  it('a payment landing between the expiry query and the close completes instead of being released', async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    pastPaymentWindow()
    beforeWechatCall = (url) => {
      if (url.endsWith(`/out-trade-no/${redemptionId}/close`)) fake.markPaid(redemptionId, t.clock.now())
    }
    await expireRedemptions(t.deps, t.clock.now())
    expect(await redemptionRow(redemptionId)).toMatchObject({ status: 'completed' })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
  })
})

describe('a success notice after the order expired', () => {
  /**
   * Expires the redemption, then WeChat reports it paid, as when the shopper's payment went through although the
   * order was being closed. The fake's order is marked paid too, so a refund WeChat is asked for can succeed.
   */
  async function expiredThenPaid(fields: Record<string, unknown> = {}) {
    const placed = await pendingRedemption(fields)
    pastPaymentWindow()
    await expireRedemptions(t.deps, t.clock.now())
    expect(await redemptionRow(placed.redemptionId)).toMatchObject({ status: 'expired' })
    expect(await pointsAndStock(t, placed.memberId, placed.item.id)).toMatchObject({ balance: 100, held: 0 })
    t.clock.advanceMs(30_000)
    return { ...placed, notice: fake.markPaid(placed.redemptionId, t.clock.now()) }
  }

  it('completes the redemption after all when the stock and the points still allow', async () => {
    const { item, memberId, redemptionId, notice } = await expiredThenPaid()
    const answer = await postNotice(t, notice)
    expect(answer).toMatchObject({ status: 200, body: { code: 'SUCCESS', settlement: 'recompleted_late' } })
    expect(await redemptionRow(redemptionId)).toMatchObject({
      status: 'completed',
      closed_at: null,
      paid_at: expect.any(String),
    })
    expect(await spends(memberId)).toEqual([{ amount: -80 }])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
    expect(await paymentEvents(redemptionId)).toEqual(['expired', 'late_success_recompleted'])
    expect(await postNotice(t, notice)).toMatchObject({ status: 200, body: { settlement: 'already_settled' } })
    expect(await spends(memberId)).toEqual([{ amount: -80 }])
    expect(await verifyLedgers(t.db)).toEqual([])
  })

  it('refunds the cash and flags the redemption when the stock is gone, leaving the points alone', async () => {
    const { item, memberId, redemptionId, notice } = await expiredThenPaid({ stock: 1 })
    const taken = await adminCall(t, 'POST', `/api/admin/mall/items/${item.id}/stock`, { delta: -1 })
    expect(taken.body.item.stock).toBe(0)
    const answer = await postNotice(t, notice)
    expect(answer).toMatchObject({ status: 200, body: { code: 'SUCCESS', settlement: 'refunded_late' } })
    expect(await redemptionRow(redemptionId)).toMatchObject({
      status: 'refunded',
      needs_reconciliation: 1,
      transaction_id: expect.stringMatching(/^4200/),
      refund_no: expect.any(String),
    })
    const refunds = callsFor(redemptionId).filter((r) => r.url === refundPath)
    expect(refunds).toHaveLength(1)
    expect(JSON.parse(refunds[0]!.body)).toMatchObject({
      out_trade_no: redemptionId,
      amount: { refund: 990, total: 990, currency: 'CNY' },
    })
    expect(await paymentEvents(redemptionId)).toEqual([
      'expired',
      expect.stringMatching(/^late_success_(?!recompleted)/),
      'refund_requested',
    ])
    expect(await spends(memberId)).toEqual([])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 0 })
    expect(await postNotice(t, notice)).toMatchObject({ status: 200, body: { settlement: 'already_settled' } })
    expect(callsFor(redemptionId).filter((r) => r.url === refundPath)).toHaveLength(1)
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})

describe('cancel and refund', () => {
  it('a member cancelling asks WeChat, closes the order and releases the points and the stock', async () => {
    const { item, memberId, token, redemptionId } = await pendingRedemption()
    const cancelled = await t.json('POST', `/api/me/redemptions/${redemptionId}/cancel`, {}, token)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.redemption).toMatchObject({ status: 'cancelled' })
    expect(callsFor(redemptionId).map(describeCall)).toEqual([
      `POST ${jsapiPath}`,
      `GET /v3/pay/transactions/out-trade-no/${redemptionId}`,
      `POST /v3/pay/transactions/out-trade-no/${redemptionId}/close`,
      // Asked again after the close: a payment made up to the close completes instead of being released.
      `GET /v3/pay/transactions/out-trade-no/${redemptionId}`,
    ])
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    expect(await paymentEvents(redemptionId)).toEqual(['cancelled'])
  })

  it('an admin refund after payment asks WeChat for the cash back and returns the points', async () => {
    const { item, memberId, redemptionId } = await pendingRedemption()
    expect((await postNotice(t, fake.markPaid(redemptionId, t.clock.now()))).body.settlement).toBe('completed')
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 20, held: 0, stock: 2 })
    const refunded = await adminCall(t, 'POST', `/api/admin/mall/redemptions/${redemptionId}/refund`, {
      reason: '顾客不想要了',
    })
    expect(refunded.status).toBe(200)
    expect(refunded.body.redemption).toMatchObject({ status: 'refunded', pickupCode: null })
    const refunds = callsFor(redemptionId).filter((r) => r.url === refundPath)
    expect(refunds).toHaveLength(1)
    expect(JSON.parse(refunds[0]!.body)).toMatchObject({
      out_trade_no: redemptionId,
      reason: '顾客不想要了',
      amount: { refund: 990, total: 990, currency: 'CNY' },
    })
    expect(await redemptionRow(redemptionId)).toMatchObject({ status: 'refunded', needs_reconciliation: 0 })
    expect(await pointsAndStock(t, memberId, item.id)).toEqual({ balance: 100, held: 0, stock: 3 })
    expect(await paymentEvents(redemptionId)).toEqual(['paid_notice', 'refund_requested'])
    expect(await verifyLedgers(t.db)).toEqual([])
  })
})
