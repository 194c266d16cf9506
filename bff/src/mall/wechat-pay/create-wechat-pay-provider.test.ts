import { AppError } from '@mc/shared'
import { createPublicKey } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeWechatPay, type FakeWechatPay } from '../../test/fake-wechat-pay-server'
import { wechatPayTestKeys } from '../../test/wechat-pay-keys'
import type { PaymentOrderRequest, PaymentProvider } from '../payment-provider'
import { parseAuthorization } from './authorization'
import { createWechatPayProvider, type WechatPayConfig } from './create-wechat-pay-provider'
import { paySignMessage } from './payment-params'
import { verifyMessage } from './rsa-signature'

const keys = wechatPayTestKeys()
const mchid = '1230000109'
const appid = 'wxd678efh567hg6787'

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('the WeChat Pay provider against a fake WeChat Pay', () => {
  let fake: FakeWechatPay
  let config: WechatPayConfig
  let pay: PaymentProvider
  let seq = 0
  const order = (overrides: Partial<PaymentOrderRequest> = {}): PaymentOrderRequest => ({
    outTradeNo: `rdm_${++seq}_${Date.now()}`,
    description: '积分商城-保温杯',
    amountFen: 1990,
    payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    expiresAt: new Date('2026-11-23T02:15:00.000Z'),
    ...overrides,
  })

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
    config = {
      mchid,
      appid,
      merchantSerialNo: keys.merchant.serialNo,
      merchantPrivateKeyPem: keys.merchant.privateKeyPem,
      apiV3Key: keys.apiV3Key,
      platformKeys: { [keys.platform.certificateSerial]: keys.platform.certificatePem },
      notifyUrl: 'https://mc.example.com/api/mall/payments/wechat-notice',
      baseUrl: fake.url,
      timeoutMs: 2000,
    }
    pay = createWechatPayProvider(config)
  })
  afterAll(() => fake.close())
  beforeEach(() => fake.setResponseSigning('valid'))

  it('creates a JSAPI order and signs wx.requestPayment parameters for its prepay_id', async () => {
    const request = order()
    const params = await pay.createOrder(request)
    if (params.provider !== 'wechat') throw new Error('expected wechat params')
    expect(params.package).toMatch(/^prepay_id=wx\d+/)
    const message = paySignMessage(appid, params.timeStamp, params.nonceStr, params.package)
    expect(verifyMessage(createPublicKey(keys.merchant.publicKeyPem), message, params.paySign)).toBe(true)

    const sent = fake.requests.at(-1)!
    expect(sent).toMatchObject({ method: 'POST', url: '/v3/pay/transactions/jsapi' })
    expect(parseAuthorization(sent.authorization)).toMatchObject({ mchid, serial_no: keys.merchant.serialNo })
    expect(JSON.parse(sent.body)).toEqual({
      appid,
      mchid,
      description: '积分商城-保温杯',
      out_trade_no: request.outTradeNo,
      time_expire: '2026-11-23T10:15:00+08:00',
      notify_url: config.notifyUrl,
      amount: { total: 1990, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    })
    const again = await pay.createOrder(request)
    expect(again.provider === 'wechat' && again.package).toBe(params.package)
  })

  it('queries NOTPAY, then SUCCESS after the shopper pays, and the notice opens to the same report', async () => {
    const request = order()
    await pay.createOrder(request)
    expect(await pay.queryOrder(request.outTradeNo)).toEqual({
      outTradeNo: request.outTradeNo,
      tradeState: 'NOTPAY',
      transactionId: null,
      amountFen: 1990,
      mchid,
      appid,
      successTime: null,
    })
    expect(fake.requests.at(-1)!.url).toBe(`/v3/pay/transactions/out-trade-no/${request.outTradeNo}?mchid=${mchid}`)
    const notice = fake.markPaid(request.outTradeNo)
    const paid = await pay.queryOrder(request.outTradeNo)
    expect(paid).toMatchObject({
      tradeState: 'SUCCESS',
      amountFen: 1990,
      transactionId: expect.stringMatching(/^4200/),
    })
    expect(pay.openNotice(notice, new Date())).toEqual(paid)
  })

  it('reports an order WeChat never saw as NOTPAY with nulls', async () => {
    expect(await pay.queryOrder('rdm_never_created')).toEqual({
      outTradeNo: 'rdm_never_created',
      tradeState: 'NOTPAY',
      transactionId: null,
      amountFen: null,
      mchid,
      appid,
      successTime: null,
    })
  })

  it('closes an unpaid order, and leaves a paid one paid', async () => {
    const unpaid = order()
    await pay.createOrder(unpaid)
    await pay.closeOrder(unpaid.outTradeNo)
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: `/v3/pay/transactions/out-trade-no/${unpaid.outTradeNo}/close`,
      body: `{"mchid":"${mchid}"}`,
    })
    expect((await pay.queryOrder(unpaid.outTradeNo)).tradeState).toBe('CLOSED')
    const paid = order()
    await pay.createOrder(paid)
    fake.markPaid(paid.outTradeNo)
    await pay.closeOrder(paid.outTradeNo)
    expect((await pay.queryOrder(paid.outTradeNo)).tradeState).toBe('SUCCESS')
  })

  it('refunds a paid order', async () => {
    const request = order()
    await pay.createOrder(request)
    fake.markPaid(request.outTradeNo)
    const refund = await pay.refund({
      outTradeNo: request.outTradeNo,
      outRefundNo: `rf_${request.outTradeNo}`,
      refundFen: 1990,
      totalFen: 1990,
      reason: '兑换取消',
    })
    expect(refund).toEqual({ refundId: expect.stringMatching(/^50000/), status: 'PROCESSING' })
    expect(JSON.parse(fake.requests.at(-1)!.body)).toEqual({
      out_trade_no: request.outTradeNo,
      out_refund_no: `rf_${request.outTradeNo}`,
      reason: '兑换取消',
      amount: { refund: 1990, total: 1990, currency: 'CNY' },
    })
    expect((await pay.queryOrder(request.outTradeNo)).tradeState).toBe('REFUND')
  })

  it('maps WeChat errors to PAYMENT_UNAVAILABLE with the status and WeChat code only', async () => {
    const request = order()
    await pay.createOrder(request)
    const error = await appErrorOf(pay.createOrder({ ...request, amountFen: 2990 }))
    expect(error.code).toBe('PAYMENT_UNAVAILABLE')
    expect(error.details).toEqual({ status: 400, wechatCode: 'INVALID_REQUEST' })
    const refund = await appErrorOf(
      pay.refund({ outTradeNo: request.outTradeNo, outRefundNo: 'rf_x', refundFen: 1, totalFen: 1990, reason: 'r' }),
    )
    expect(refund.details).toEqual({ status: 400, wechatCode: 'INVALID_REQUEST' })
  })

  it('needs the payer openid for JSAPI', async () => {
    const error = await appErrorOf(pay.createOrder(order({ payerOpenid: null })))
    expect(error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', details: { reason: 'openid required' } })
  })

  it('is refused by WeChat when it signs with a key unknown to WeChat, and says so without leaking keys', async () => {
    const impostor = createWechatPayProvider({ ...config, merchantPrivateKeyPem: keys.stranger.privateKeyPem })
    const error = await appErrorOf(impostor.createOrder(order()))
    expect(error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', details: { status: 401, wechatCode: 'SIGN_ERROR' } })
    const shown = JSON.stringify({ message: error.message, details: error.details })
    for (const secret of [keys.stranger.privateKeyPem, keys.apiV3Key, 'BEGIN', 'signature='])
      expect(shown).not.toContain(secret)
  })

  it.each(['bad', 'none'] as const)('refuses a 2xx answer whose signature is %s', async (mode) => {
    const request = order()
    await pay.createOrder(request)
    fake.markPaid(request.outTradeNo)
    fake.setResponseSigning(mode)
    const error = await appErrorOf(pay.queryOrder(request.outTradeNo))
    expect(error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', details: { status: 200 } })
    expect(String(error.details?.reason)).toMatch(/^response not verified/)
    await expect(pay.closeOrder(order().outTradeNo)).rejects.toBeInstanceOf(AppError)
  })

  it('refuses an answer signed by a platform key it was not configured with', async () => {
    const other = createWechatPayProvider({
      ...config,
      platformKeys: { [keys.platform.certificateSerial]: keys.stranger.publicKeyPem },
    })
    const request = order()
    await pay.createOrder(request)
    const error = await appErrorOf(other.queryOrder(request.outTradeNo))
    expect(error.details).toEqual({ status: 200, reason: 'response not verified: bad signature' })
  })

  it('turns network failures and timeouts into PAYMENT_UNAVAILABLE', async () => {
    const down = createWechatPayProvider({ ...config, baseUrl: 'http://127.0.0.1:1' })
    expect((await appErrorOf(down.queryOrder('rdm_x'))).details).toEqual({ status: null, reason: 'network error' })
    const slow = createWechatPayProvider({
      ...config,
      timeoutMs: 50,
      fetch: (_url, init) =>
        new Promise((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
        }),
    })
    expect((await appErrorOf(slow.queryOrder('rdm_x'))).details).toEqual({ status: null, reason: 'timeout' })
  })

  it('refuses to start with a malformed key or APIv3 key', () => {
    expect(() => createWechatPayProvider({ ...config, apiV3Key: 'short' })).toThrow()
    expect(() => createWechatPayProvider({ ...config, merchantPrivateKeyPem: 'not a key' })).toThrow()
    expect(() => createWechatPayProvider({ ...config, platformKeys: {} })).toThrow()
  })
})
