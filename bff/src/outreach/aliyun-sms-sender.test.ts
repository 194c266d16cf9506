import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeAliyunSms } from '../test/fake-aliyun-sms-server'
import { TestClock } from '../test/test-clock'
import { createAliyunSmsSender } from './aliyun-sms-sender'
import { rpcSignature } from './aliyun-sms-signature'

const keys = { accessKeyId: 'LTAI5tFakeKeyId0001', accessKeySecret: 'fakeSecretForTests0123456789ab' }
const message = {
  phone: '13812345678',
  signName: '会员中心',
  templateCode: 'SMS_465000001',
  params: { name: '王小明', points: '320', date: '12月31日' },
  outId: 'obx_01JTEST',
}

describe('Alibaba Cloud SMS SendSms against a local fake that checks signatures with its own code', () => {
  const clock = new TestClock('2026-12-05T02:00:00.000Z')
  let fake: Awaited<ReturnType<typeof startFakeAliyunSms>>
  beforeAll(async () => {
    fake = await startFakeAliyunSms({ ...keys, now: () => clock.now() })
  })
  afterAll(() => fake.close())
  const sender = (overrides: Partial<typeof keys> = {}, senderClock = clock) =>
    createAliyunSmsSender({ config: { ...keys, ...overrides, endpoint: fake.endpoint }, clock: senderClock })

  /** A SendSms request signed by our signer, as parameters, for tests that then replay or tamper with it. */
  const signedParams = (method: 'GET' | 'POST') => {
    const params: Record<string, string> = {
      AccessKeyId: keys.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: '13900000000',
      RegionId: 'cn-hangzhou',
      SignName: '会员中心',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_1',
      TemplateParam: '{"code":"1234"}',
      Timestamp: `${clock.now().toISOString().slice(0, 19)}Z`,
      Version: '2017-05-25',
    }
    return { ...params, Signature: rpcSignature(method, params, keys.accessKeySecret) }
  }
  const post = async (params: Record<string, string>) => {
    const response = await fetch(fake.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    })
    return { status: response.status, body: (await response.json()) as { Code: string } }
  }

  it('sends a message the fake accepts, with the template parameters as JSON and our outbox id as OutId', async () => {
    const outcome = await sender().send(message)
    expect(outcome).toEqual({ ok: true, providerId: expect.stringMatching(/^\d+\^0$/) })
    expect(fake.messages.at(-1)).toEqual({
      phone: '13812345678',
      signName: '会员中心',
      templateCode: 'SMS_465000001',
      params: { name: '王小明', points: '320', date: '12月31日' },
      outId: 'obx_01JTEST',
    })
  })

  it('the fake accepts a GET in the query and refuses the same request with one parameter changed', async () => {
    const params = signedParams('GET')
    const tampered = new URLSearchParams({ ...params, PhoneNumbers: '13900000001' })
    const refused = await fetch(`${fake.endpoint}/?${tampered}`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ Code: 'SignatureDoesNotMatch' })
    const accepted = await fetch(`${fake.endpoint}/?${new URLSearchParams(params)}`)
    expect(await accepted.json()).toMatchObject({ Code: 'OK' })
  })

  it('the fake refuses a POST signed as a GET, and a replayed SignatureNonce', async () => {
    expect((await post(signedParams('GET'))).body.Code).toBe('SignatureDoesNotMatch')
    const once = signedParams('POST')
    expect((await post(once)).body.Code).toBe('OK')
    expect(await post(once)).toEqual({ status: 400, body: expect.objectContaining({ Code: 'SignatureNonceUsed' }) })
  })

  it('a wrong secret is refused by the signature check, for good', async () => {
    expect(await sender({ accessKeySecret: 'anotherSecretForTests0123456' }).send(message)).toEqual({
      ok: false,
      permanent: true,
      error: expect.stringMatching(/^aliyun sms SignatureDoesNotMatch: /),
    })
  })

  it('a clock 20 minutes off is refused as an expired timestamp, which may pass later', async () => {
    const behind = new TestClock(new Date(clock.now().getTime() - 20 * 60_000).toISOString())
    expect(await sender({}, behind).send(message)).toMatchObject({
      ok: false,
      permanent: false,
      error: expect.stringMatching(/^aliyun sms InvalidTimeStamp.Expired: /),
    })
  })

  it('an illegal phone number fails for good', async () => {
    expect(await sender().send({ ...message, phone: '12345' })).toMatchObject({
      ok: false,
      permanent: true,
      error: expect.stringMatching(/^aliyun sms isv.MOBILE_NUMBER_ILLEGAL: /),
    })
  })

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', false],
    ['Throttling.User', false],
    ['isp.SYSTEM_ERROR', false],
    ['isv.AMOUNT_NOT_ENOUGH', false],
    ['isv.TEMPLATE_MISSING_PARAMETERS', true],
    ['isv.SMS_TEMPLATE_ILLEGAL', true],
    ['isv.SMS_SIGNATURE_ILLEGAL', true],
    ['isv.DAY_LIMIT_CONTROL', true],
  ])('maps %s to permanent=%s', async (code, permanent) => {
    fake.failNext(code)
    expect(await sender().send(message)).toEqual({
      ok: false,
      permanent,
      error: `aliyun sms ${code}: fake answers ${code}`,
    })
  })

  it('retries later when Alibaba cannot be reached at all', async () => {
    // A port that was free a moment ago: the connection is refused, so nothing can have been sent.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const offline = createAliyunSmsSender({ config: { ...keys, endpoint: `http://127.0.0.1:${port}` }, clock })
    expect(await offline.send(message)).toEqual({
      ok: false,
      permanent: false,
      error: 'aliyun sms unreachable (ECONNREFUSED)',
    })
  })

  it('fails for good when the request went out but no answer came (at most one SMS per phone)', async () => {
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    try {
      const outcome = await createAliyunSmsSender({ config: { ...keys, endpoint }, clock, timeoutMs: 200 }).send(
        message,
      )
      expect(outcome).toEqual({ ok: false, permanent: true, error: expect.stringMatching(/outcome unknown$/) })
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })
})
