import { createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { wechatPayTestKeys } from '../../test/wechat-pay-keys'
import { authorizationHeader, parseAuthorization, requestSignMessage } from './authorization'
import { paymentParamsFor, paySignMessage } from './payment-params'
import { beijingTime, signMessage, verifyMessage } from './rsa-signature'

const keys = wechatPayTestKeys()
const merchantPublic = createPublicKey(keys.merchant.publicKeyPem)
const strangerPublic = createPublicKey(keys.stranger.publicKeyPem)

describe('SHA256withRSA signatures', () => {
  const message = 'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n'

  it('verifies with the signer public key and not with another key', () => {
    const signature = signMessage(keys.merchant.privateKeyPem, message)
    expect(Buffer.from(signature, 'base64')).toHaveLength(256)
    expect(verifyMessage(merchantPublic, message, signature)).toBe(true)
    expect(verifyMessage(strangerPublic, message, signature)).toBe(false)
  })

  it.each([
    ['a changed message', (s: string) => [`${message} `, s]],
    ['a truncated signature', (s: string) => [message, s.slice(0, 40)]],
    ['a signature that is not base64', (s: string) => [message, `!!${s}`]],
    ['an empty signature', () => [message, '']],
  ])('refuses %s', (_, tamper) => {
    const [signed, signature] = tamper(signMessage(keys.merchant.privateKeyPem, message))
    expect(verifyMessage(merchantPublic, signed!, signature!)).toBe(false)
  })
})

describe('the Authorization header', () => {
  const request = {
    method: 'post',
    urlPath: '/v3/pay/transactions/jsapi?x=1',
    body: '{"a":1}',
    mchid: '1900000001',
    serialNo: keys.merchant.serialNo,
    privateKey: keys.merchant.privateKeyPem,
    nonce: 'NONCE123',
    timestamp: '1700000000',
  }

  it('signs method, path with query, timestamp, nonce and body, and parses back', () => {
    const header = authorizationHeader(request)
    expect(header).toMatch(
      new RegExp(
        '^WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="NONCE123",' +
          'signature="[A-Za-z0-9+/=]+",timestamp="1700000000",serial_no="[0-9A-F]{40}"$',
      ),
    )
    const parts = parseAuthorization(header)!
    expect(parts).toMatchObject({
      mchid: '1900000001',
      nonce_str: 'NONCE123',
      timestamp: '1700000000',
      serial_no: keys.merchant.serialNo,
    })
    const expectedMessage = 'POST\n/v3/pay/transactions/jsapi?x=1\n1700000000\nNONCE123\n{"a":1}\n'
    expect(requestSignMessage('post', request.urlPath, '1700000000', 'NONCE123', '{"a":1}')).toBe(expectedMessage)
    // PKCS#1 v1.5 is deterministic, so the header carries exactly the signature of the expected message.
    expect(parts.signature).toBe(signMessage(keys.merchant.privateKeyPem, expectedMessage))
    expect(verifyMessage(merchantPublic, expectedMessage, parts.signature)).toBe(true)
  })

  it('uses a fresh nonce and the current time when none is injected', () => {
    const a = parseAuthorization(authorizationHeader({ ...request, nonce: undefined, timestamp: undefined }))!
    const b = parseAuthorization(authorizationHeader({ ...request, nonce: undefined, timestamp: undefined }))!
    expect(a.nonce_str).toMatch(/^[0-9A-F]{32}$/)
    expect(a.nonce_str).not.toBe(b.nonce_str)
    expect(Math.abs(Number(a.timestamp) - Date.now() / 1000)).toBeLessThan(5)
  })

  it.each([
    undefined,
    '',
    'Bearer abc',
    'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="s"',
  ])('does not parse %j', (header) => {
    expect(parseAuthorization(header)).toBeNull()
  })
})

describe('wx.requestPayment parameters', () => {
  it('signs app id, timeStamp, nonceStr and package with the merchant key', () => {
    const params = paymentParamsFor('wx201410272009395522657a690389285100', {
      appid: 'wxd678efh567hg6787',
      merchantPrivateKey: keys.merchant.privateKeyPem,
    })
    expect(params).toMatchObject({
      provider: 'wechat',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    })
    expect(params.timeStamp).toMatch(/^\d{10}$/)
    const message = paySignMessage('wxd678efh567hg6787', params.timeStamp, params.nonceStr, params.package)
    expect(message).toBe(
      `wxd678efh567hg6787\n${params.timeStamp}\n${params.nonceStr}\nprepay_id=wx201410272009395522657a690389285100\n`,
    )
    expect(verifyMessage(merchantPublic, message, params.paySign)).toBe(true)
    expect(verifyMessage(merchantPublic, message.replace('wxd678', 'wxd679'), params.paySign)).toBe(false)
  })
})

describe('Beijing time', () => {
  it.each([
    ['2026-11-23T02:00:00.000Z', '2026-11-23T10:00:00+08:00'],
    ['2026-12-31T16:30:15.999Z', '2027-01-01T00:30:15+08:00'],
  ])('writes %s as %s', (utc, beijing) => {
    expect(beijingTime(new Date(utc))).toBe(beijing)
  })
})
