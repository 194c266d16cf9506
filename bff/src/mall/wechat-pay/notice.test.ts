import { AppError } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { wechatPayTestKeys } from '../../test/wechat-pay-keys'
import type { RawNotice, TextNotice } from '../payment-provider'
import {
  sealWechatResource as encryptResource,
  wechatNotice as buildNotice,
  wechatSignatureHeaders as wechatpaySignatureHeaders,
} from '../../test/wechat-pay-kit'
import { openNotice, type WechatNoticeBody } from './notice'
import { loadPlatformKeys } from './platform-keys'
import type { WechatTransaction } from './transaction'

// Notices here are made by the test kit's own node:crypto code, as WeChat would make them, never by the project's
// buildNotice: a format bug shared by both sides would otherwise pass.

const keys = wechatPayTestKeys()
const now = new Date('2026-11-23T02:00:00.000Z')
const serial = keys.platform.publicKeyId
const noticeKeys = { platformKeys: loadPlatformKeys({ [serial]: keys.platform.publicKeyPem }), apiV3Key: keys.apiV3Key }
const signer = { platformPrivateKey: keys.platform.privateKeyPem, serial, apiV3Key: keys.apiV3Key, now }

const transaction: WechatTransaction = {
  appid: 'wxd678efh567hg6787',
  mchid: '1230000109',
  out_trade_no: 'rdm_01JCK9',
  transaction_id: '1217752501201407033233368018',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'CMC',
  attach: '',
  success_time: '2026-11-23T09:59:30+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 990, payer_total: 990, currency: 'CNY', payer_currency: 'CNY' },
}

/** Re-signs a changed body with the genuine platform key, so only the part under test is wrong. */
function resigned(body: object): TextNotice {
  const text = JSON.stringify(body)
  return { headers: wechatpaySignatureHeaders(text, signer), body: text }
}

/** A resource encrypted with the genuine APIv3 key, for transactions that are wrong inside. */
const sealed = (value: object) => encryptResource(JSON.stringify(value), keys.apiV3Key, 'transaction', 'transaction')

function reasonOf(open: () => unknown): string {
  try {
    open()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('PAYMENT_NOTICE_INVALID')
    return String((error as AppError).details?.reason)
  }
  throw new Error('the notice was accepted')
}

describe('payment notices', () => {
  it('round-trips: a built notice opens to the transaction it carries', () => {
    const notice = buildNotice(transaction, signer)
    const envelope = JSON.parse(notice.body) as WechatNoticeBody
    expect(envelope).toMatchObject({
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      create_time: '2026-11-23T10:00:00+08:00',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    })
    expect(envelope.resource.nonce).toHaveLength(12)
    expect(notice.body).not.toContain('rdm_01JCK9')
    expect(openNotice(notice, noticeKeys, now)).toEqual({
      outTradeNo: 'rdm_01JCK9',
      tradeState: 'SUCCESS',
      transactionId: '1217752501201407033233368018',
      amountFen: 990,
      mchid: '1230000109',
      appid: 'wxd678efh567hg6787',
      successTime: '2026-11-23T09:59:30+08:00',
    })
  })

  it('reads the Wechatpay-* headers in any letter case', () => {
    const notice = buildNotice(transaction, signer)
    const lower = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toLowerCase(), v]))
    const upper = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toUpperCase(), v]))
    expect(openNotice({ ...notice, headers: lower }, noticeKeys, now).outTradeNo).toBe('rdm_01JCK9')
    expect(openNotice({ ...notice, headers: upper }, noticeKeys, now).outTradeNo).toBe('rdm_01JCK9')
  })

  it('verifies with a platform certificate configured under its serial', () => {
    const certSerial = keys.platform.certificateSerial
    const certKeys = {
      platformKeys: loadPlatformKeys({ [certSerial.toLowerCase()]: keys.platform.certificatePem }),
      apiV3Key: keys.apiV3Key,
    }
    const notice = buildNotice(transaction, { ...signer, serial: certSerial })
    expect(openNotice(notice, certKeys, now).tradeState).toBe('SUCCESS')
  })

  it('accepts timestamps up to 300 s either side of now', () => {
    const notice = buildNotice(transaction, signer)
    expect(openNotice(notice, noticeKeys, new Date(now.getTime() + 300_000)).amountFen).toBe(990)
    expect(openNotice(notice, noticeKeys, new Date(now.getTime() - 300_000)).amountFen).toBe(990)
  })

  it.each<[string, string, () => TextNotice, Date?]>([
    [
      'a tampered body',
      'bad signature',
      () => {
        const notice = buildNotice(transaction, signer)
        return { ...notice, body: notice.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.REFUND') }
      },
    ],
    [
      'a wrong serial',
      'unknown platform serial',
      () => buildNotice(transaction, { ...signer, serial: 'PUB_KEY_ID_UNKNOWN' }),
    ],
    [
      'a key nobody trusts under the right serial',
      'bad signature',
      () => buildNotice(transaction, { ...signer, platformPrivateKey: keys.stranger.privateKeyPem }),
    ],
    ['a stale timestamp', 'stale timestamp', () => buildNotice(transaction, signer), new Date(now.getTime() + 301_000)],
    [
      'a timestamp from the future',
      'stale timestamp',
      () => buildNotice(transaction, signer),
      new Date(now.getTime() - 301_000),
    ],
    [
      'a wrong APIv3 key',
      'cannot decrypt resource',
      () => buildNotice(transaction, { ...signer, apiV3Key: 'b'.repeat(32) }),
    ],
    [
      'a missing signature header',
      'missing Wechatpay-* header',
      () => {
        const notice = buildNotice(transaction, signer)
        return { ...notice, headers: { ...notice.headers, 'Wechatpay-Signature': undefined } }
      },
    ],
    [
      'no headers at all',
      'missing Wechatpay-* header',
      () => ({ headers: {}, body: buildNotice(transaction, signer).body }),
    ],
  ])('refuses %s (%s)', (_, reason, make, at = now) => {
    expect(reasonOf(() => openNotice(make(), noticeKeys, at))).toBe(reason)
  })

  it.each<[string, string, (envelope: WechatNoticeBody) => object]>([
    [
      'a truncated tag',
      'cannot decrypt resource',
      (e) => {
        const ciphertext = Buffer.from(e.resource.ciphertext, 'base64').subarray(0, -4).toString('base64')
        return { ...e, resource: { ...e.resource, ciphertext } }
      },
    ],
    [
      'a ciphertext shorter than a tag',
      'cannot decrypt resource',
      (e) => ({ ...e, resource: { ...e.resource, ciphertext: Buffer.alloc(12).toString('base64') } }),
    ],
    [
      'changed associated data',
      'cannot decrypt resource',
      (e) => ({ ...e, resource: { ...e.resource, associated_data: 'refund' } }),
    ],
    [
      'another algorithm',
      'cannot decrypt resource',
      (e) => ({ ...e, resource: { ...e.resource, algorithm: 'AEAD_AES_128_GCM' } }),
    ],
    ['no resource', 'missing resource', (e) => ({ ...e, resource: undefined })],
    [
      'a resource of the wrong type',
      'cannot decrypt resource',
      (e) => ({ ...e, resource: { ...e.resource, ciphertext: 42 } }),
    ],
    [
      'plaintext that is not JSON',
      'malformed transaction',
      (e) => ({ ...e, resource: encryptResource('not json', keys.apiV3Key, 'transaction', 'transaction') }),
    ],
    [
      'a transaction without trade_state',
      'malformed transaction',
      (e) => ({ ...e, resource: sealed({ ...transaction, trade_state: undefined }) }),
    ],
    [
      'an unknown trade_state',
      'malformed transaction',
      (e) => ({ ...e, resource: sealed({ ...transaction, trade_state: 'PAID' }) }),
    ],
    [
      'a fractional amount',
      'malformed transaction',
      (e) => ({ ...e, resource: sealed({ ...transaction, amount: { ...transaction.amount, total: 9.9 } }) }),
    ],
  ])('refuses a genuinely signed notice with %s (%s)', (_, reason, change) => {
    const envelope = JSON.parse(buildNotice(transaction, signer).body) as WechatNoticeBody
    expect(reasonOf(() => openNotice(resigned(change(envelope)), noticeKeys, now))).toBe(reason)
  })

  it('refuses a signed body that is not JSON, and never throws anything but AppError', () => {
    const text = 'not json'
    expect(
      reasonOf(() => openNotice({ headers: wechatpaySignatureHeaders(text, signer), body: text }, noticeKeys, now)),
    ).toBe('malformed notice body')
    expect(reasonOf(() => openNotice(null as unknown as RawNotice, noticeKeys, now))).toBe('unreadable notice')
  })

  it('says why, in the details, without echoing keys', () => {
    const notice = buildNotice(transaction, { ...signer, serial: 'PUB_KEY_ID_UNKNOWN' })
    expect(reasonOf(() => openNotice(notice, noticeKeys, now))).toBe('unknown platform serial')
    expect(reasonOf(() => openNotice(notice, noticeKeys, new Date(now.getTime() + 3_600_000)))).toBe('stale timestamp')
  })
})

describe('what a genuine-looking notice must also be', () => {
  it.each([
    ['dollars', { currency: 'USD' }],
    ['no currency at all', { currency: undefined }],
    ['a payer paying in another currency', { payer_currency: 'HKD' }],
  ])('is refused in %s: only CNY settles an order', (_, amount) => {
    const notice = buildNotice({ ...transaction, amount: { ...transaction.amount, ...amount } }, signer)
    expect(reasonOf(() => openNotice(notice, noticeKeys, now))).toBe('currency not CNY')
  })

  it("is refused as a probe when the signature is WeChat's WECHATPAY/SIGNTEST/ check", () => {
    const genuine = buildNotice(transaction, signer)
    const probe = {
      ...genuine,
      headers: { ...genuine.headers, 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${'A'.repeat(40)}` },
    }
    expect(reasonOf(() => openNotice(probe, noticeKeys, now))).toBe('signature probe (WECHATPAY/SIGNTEST/)')
  })
})
