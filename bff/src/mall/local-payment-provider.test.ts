import { AppError } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { createLocalPaymentProvider } from './local-payment-provider'
import type { PaymentOrderRequest } from './payment-provider'

const now = new Date('2026-11-23T02:00:00.000Z')
const request: PaymentOrderRequest = {
  outTradeNo: 'rdm_local_1',
  description: '积分商城-帆布袋',
  amountFen: 500,
  payerOpenid: null,
  expiresAt: new Date('2026-11-23T02:15:00.000Z'),
}

async function reasonOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe('PAYMENT_UNAVAILABLE')
  return String((error as AppError).details?.reason)
}

describe('the local payment provider', () => {
  const local = createLocalPaymentProvider()

  it('creates an order once and returns the same params for the same out_trade_no', async () => {
    expect(local).toMatchObject({ kind: 'local', mchid: 'local_mch', appid: 'local_app' })
    const params = await local.createOrder(request)
    expect(params).toEqual({
      provider: 'local',
      outTradeNo: 'rdm_local_1',
      amountFen: 500,
      description: '积分商城-帆布袋',
    })
    expect(await local.createOrder(request)).toEqual(params)
    expect(await reasonOf(local.createOrder({ ...request, amountFen: 501 }))).toBe(
      'out_trade_no reused with a different amount',
    )
    expect(await local.queryOrder('rdm_local_1')).toMatchObject({
      tradeState: 'NOTPAY',
      amountFen: 500,
      transactionId: null,
    })
  })

  it('pays through a WeChat-format notice that opens on the same path as a real one, idempotently', async () => {
    const outTradeNo = 'rdm_local_pay'
    await local.createOrder({ ...request, outTradeNo })
    const notice = local.pay(outTradeNo, now)
    expect(Object.keys(notice.headers)).toEqual(
      expect.arrayContaining(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial']),
    )
    expect(JSON.parse(notice.body)).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction' },
    })
    const report = local.openNotice(notice, now)
    expect(report).toEqual({
      outTradeNo,
      tradeState: 'SUCCESS',
      transactionId: expect.stringMatching(/^4200/),
      amountFen: 500,
      mchid: 'local_mch',
      appid: 'local_app',
      successTime: '2026-11-23T10:00:00+08:00',
    })
    expect(await local.queryOrder(outTradeNo)).toEqual(report)
    const again = local.openNotice(local.pay(outTradeNo, new Date(now.getTime() + 60_000)), now)
    expect(again).toEqual(report)
  })

  it('refuses a tampered local notice and one from another local provider', async () => {
    await local.createOrder({ ...request, outTradeNo: 'rdm_local_tamper' })
    const notice = local.pay('rdm_local_tamper', now)
    expect(() => local.openNotice({ ...notice, body: notice.body.replace('"id":"', '"id":"x') }, now)).toThrow(
      expect.objectContaining({ code: 'PAYMENT_NOTICE_INVALID' }),
    )
    const other = createLocalPaymentProvider()
    expect(() => other.openNotice(notice, now)).toThrow(expect.objectContaining({ code: 'PAYMENT_NOTICE_INVALID' }))
    expect(() => local.openNotice(notice, new Date(now.getTime() + 301_000))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_NOTICE_INVALID' }),
    )
  })

  it('closes an unpaid order, which can then be neither paid nor created again', async () => {
    await local.createOrder({ ...request, outTradeNo: 'rdm_local_close' })
    await local.closeOrder('rdm_local_close')
    expect((await local.queryOrder('rdm_local_close')).tradeState).toBe('CLOSED')
    expect(await reasonOf(() => local.pay('rdm_local_close', now))).toBe('order closed')
    expect(await reasonOf(local.createOrder({ ...request, outTradeNo: 'rdm_local_close' }))).toBe('order closed')
  })

  it('leaves a paid order paid when asked to close it', async () => {
    await local.createOrder({ ...request, outTradeNo: 'rdm_local_paid_close' })
    local.pay('rdm_local_paid_close', now)
    await local.closeOrder('rdm_local_paid_close')
    expect((await local.queryOrder('rdm_local_paid_close')).tradeState).toBe('SUCCESS')
  })

  it('refunds a paid order once per refund number', async () => {
    const outTradeNo = 'rdm_local_refund'
    await local.createOrder({ ...request, outTradeNo })
    expect(
      await reasonOf(local.refund({ outTradeNo, outRefundNo: 'rf_1', refundFen: 500, totalFen: 500, reason: 'r' })),
    ).toBe('order not paid')
    local.pay(outTradeNo, now)
    const refund = await local.refund({
      outTradeNo,
      outRefundNo: 'rf_1',
      refundFen: 500,
      totalFen: 500,
      reason: '取消兑换',
    })
    expect(refund).toEqual({ refundId: expect.any(String), status: 'SUCCESS' })
    expect(
      await local.refund({ outTradeNo, outRefundNo: 'rf_1', refundFen: 500, totalFen: 500, reason: '取消兑换' }),
    ).toEqual(refund)
    expect(
      await reasonOf(local.refund({ outTradeNo, outRefundNo: 'rf_2', refundFen: 1, totalFen: 500, reason: 'r' })),
    ).toBe('refund exceeds payment')
    expect((await local.queryOrder(outTradeNo)).tradeState).toBe('REFUND')
  })

  it('answers NOTPAY for an order it never saw and refuses to pay it', async () => {
    expect(await local.queryOrder('rdm_unknown')).toEqual({
      outTradeNo: 'rdm_unknown',
      tradeState: 'NOTPAY',
      transactionId: null,
      amountFen: null,
      mchid: 'local_mch',
      appid: 'local_app',
      successTime: null,
    })
    expect(await reasonOf(() => local.pay('rdm_unknown', now))).toBe('unknown order')
  })
})
