import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { startFakeWechatApi } from '../test/fake-wechat-api-server'
import { useTestApp } from '../test/test-app'
import { createLocalWechatPhoneNumbers, createWechatPhoneNumbers } from './wechat-phone-number'

const credentials = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' }

/** WeChat's documented answer for a mainland number, pinned by hand (not built by our code). */
const phoneInfo = (pure: string, appid = credentials.appId) => ({
  phoneNumber: `+86${pure}`,
  purePhoneNumber: pure,
  countryCode: '86',
  watermark: { timestamp: 1_764_892_800, appid },
})

describe('微信手机号快捷登录 through getuserphonenumber', () => {
  let fake: Awaited<ReturnType<typeof startFakeWechatApi>>
  const t = useTestApp({}, { verifyLedgers: false })
  beforeAll(async () => {
    fake = await startFakeWechatApi(credentials)
    t.deps.auth.wechatPhone = createWechatPhoneNumbers({
      app: { ...credentials, apiBase: fake.baseUrl },
      db: t.db,
      clock: t.clock,
    })
    return () => fake.close()
  })

  it('posts {"code"} with the shared access token and logs a new number in as a visitor', async () => {
    fake.issuePhoneCode('phone-code-1', phoneInfo('13912340101'))
    const login = await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-1' })
    expect(login.status).toBe(200)
    expect(login.body).toMatchObject({ token: expect.stringMatching(/^mcs_/), member: null })
    expect(fake.phoneRequests.at(-1)).toEqual({ accessToken: 'FAKE_ACCESS_TOKEN_1', body: { code: 'phone-code-1' } })
    // The token came from the one table subscribe messages and join codes use, fetched once.
    const stored = await t.db.selectFrom('wechat_access_tokens').select(['app_id', 'token']).execute()
    expect(stored).toEqual([{ app_id: credentials.appId, token: 'FAKE_ACCESS_TOKEN_1' }])
    // Joining after it makes a member under that phone, as the phone login does.
    expect((await t.json('POST', '/api/members/join', {}, login.body.token)).status).toBe(200)
    const member = await t.db.selectFrom('members').select('phone').where('phone', '=', '13912340101').execute()
    expect(member).toHaveLength(1)
  })

  it('logs a number on file in as that member, the same as the phone login would', async () => {
    const viaPhone = await t.json('POST', '/api/auth/local', { phone: '13912340101' })
    fake.issuePhoneCode('phone-code-2', phoneInfo('13912340101'))
    const viaWechat = await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-2' })
    expect(viaWechat.status).toBe(200)
    expect(viaWechat.body.member.id).toBe(viaPhone.body.member.id)
    expect(fake.tokenRequests).toHaveLength(1)
  })

  it('refuses an unknown or reused code with WECHAT_PHONE_CODE_INVALID and opens no session', async () => {
    const sessionsBefore = await t.db.selectFrom('sessions').select('token_hash').execute()
    const unknown = await t.json('POST', '/api/auth/wechat-phone', { code: 'never-issued' })
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'WECHAT_PHONE_CODE_INVALID' } } })
    fake.issuePhoneCode('phone-code-3', phoneInfo('13912340103'))
    expect((await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-3' })).status).toBe(200)
    const reused = await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-3' })
    expect(reused).toMatchObject({ status: 401, body: { error: { code: 'WECHAT_PHONE_CODE_INVALID' } } })
    expect(await t.db.selectFrom('sessions').select('token_hash').execute()).toHaveLength(sessionsBefore.length)
  })

  it('renews a token WeChat calls stale once and asks again', async () => {
    fake.revokeTokens()
    fake.issuePhoneCode('phone-code-4', phoneInfo('13912340104'))
    const before = fake.phoneRequests.length
    expect((await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-4' })).status).toBe(200)
    expect(fake.phoneRequests.slice(before).map((r) => r.accessToken)).toEqual([
      'FAKE_ACCESS_TOKEN_1',
      'FAKE_ACCESS_TOKEN_2',
    ])
  })

  it('refuses an answer whose watermark names another app, and a number outside the mainland', async () => {
    fake.issuePhoneCode('phone-code-5', phoneInfo('13912340105', 'wxffffffffffffffff'))
    const otherApp = await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-5' })
    expect(otherApp).toMatchObject({ status: 502, body: { error: { code: 'WECHAT_UNAVAILABLE' } } })
    fake.issuePhoneCode('phone-code-6', {
      phoneNumber: '+85261234567',
      purePhoneNumber: '61234567',
      countryCode: '852',
      watermark: { timestamp: 1_764_892_800, appid: credentials.appId },
    })
    const hongKong = await t.json('POST', '/api/auth/wechat-phone', { code: 'phone-code-6' })
    expect(hongKong).toMatchObject({ status: 422, body: { error: { code: 'WECHAT_PHONE_UNSUPPORTED' } } })
    expect(
      await t.db.selectFrom('members').select('id').where('phone', 'in', ['61234567', '13912340105']).execute(),
    ).toEqual([])
  })

  it('refuses an empty code before asking WeChat', async () => {
    const before = fake.phoneRequests.length
    const empty = await t.json('POST', '/api/auth/wechat-phone', { code: ' ' })
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    expect(fake.phoneRequests.length).toBe(before)
  })

  it('never writes the access token or a whole phone number to the log', () => {
    const log = t.logLines.join('\n')
    expect(log).toContain('/api/auth/wechat-phone')
    expect(log).not.toContain('FAKE_ACCESS_TOKEN')
    expect(log).not.toContain('13912340104')
  })
})

describe('微信手机号快捷登录 without a WeChat app', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('is off (WECHAT_LOGIN_DISABLED) when neither WeChat nor local login is configured', async () => {
    t.deps.auth.wechatPhone = null
    expect(await t.json('POST', '/api/auth/wechat-phone', { code: 'local:13912340109' })).toMatchObject({
      status: 403,
      body: { error: { code: 'WECHAT_LOGIN_DISABLED' } },
    })
  })

  it('in a demo answers a `local:<phone>` code with that number, normalised, and refuses other codes', async () => {
    t.deps.auth.wechatPhone = createLocalWechatPhoneNumbers(pino({ level: 'silent' }))
    const viaPhone = await t.json('POST', '/api/auth/local', { phone: '13912340109' })
    const joined = await t.json('POST', '/api/members/join', {}, viaPhone.body.token)
    const login = await t.json('POST', '/api/auth/wechat-phone', { code: 'local:+86 139 1234 0109' })
    expect(login.status).toBe(200)
    expect(login.body.member.id).toBe(joined.body.member.id)
    const refused = await t.json('POST', '/api/auth/wechat-phone', { code: 'wx-real-looking-code' })
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'WECHAT_PHONE_CODE_INVALID' } } })
  })
})
