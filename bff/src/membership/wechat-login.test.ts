import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeWechat } from '../test/fake-wechat-server'
import { createTestApp, type TestApp } from '../test/test-app'
import { createWechatLogin } from '../auth/wechat-login'

const appId = 'wx0123456789abcdef'
const appSecret = '0123456789abcdef0123456789abcdef'
const sessionKey = 'c2Vzc2lvbi1rZXktdGhhdC1tdXN0LXN0YXk='

describe('WeChat login through jscode2session', () => {
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>
  let t: TestApp
  beforeAll(async () => {
    wechat = await startFakeWechat({ appId, appSecret })
    t = await createTestApp({
      localLoginEnabled: false,
      wechat: createWechatLogin({ appId, appSecret, apiBase: wechat.baseUrl }),
    })
  })
  afterAll(async () => {
    await t.close()
    await wechat.close()
  })

  it('exchanges a code for the openid and keeps the session key inside the BFF', async () => {
    wechat.issueCode('code-1', 'o_openid_0001', sessionKey)
    const login = await t.json('POST', '/api/auth/wechat', { code: 'code-1' })
    expect(login.status).toBe(200)
    expect(login.body.token).toMatch(/^mcs_/)
    const responseText = JSON.stringify(login.body)
    for (const secret of [sessionKey, appSecret, 'o_openid_0001']) expect(responseText).not.toContain(secret)
    // Not a member until they join; the session key waits with the visitor's session and moves on joining.
    expect(login.body.member).toBeNull()
    expect(await t.db.selectFrom('members').select('id').where('openid', '=', 'o_openid_0001').execute()).toEqual([])
    expect((await t.json('POST', '/api/members/join', {}, login.body.token)).status).toBe(200)
    const stored = await t.db
      .selectFrom('wechat_sessions')
      .innerJoin('members', 'members.id', 'wechat_sessions.member_id')
      .select(['session_key', 'openid'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ session_key: sessionKey, openid: 'o_openid_0001' })
  })

  it('sends a reused code to WeChat again (nothing cached) and refuses it', async () => {
    wechat.issueCode('code-2', 'o_openid_0002', sessionKey)
    expect((await t.json('POST', '/api/auth/wechat', { code: 'code-2' })).status).toBe(200)
    const before = wechat.requests.length
    const replay = await t.json('POST', '/api/auth/wechat', { code: 'code-2' })
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'WECHAT_CODE_INVALID' } } })
    expect(wechat.requests.length).toBe(before + 1)
  })

  it('refuses a code WeChat never issued', async () => {
    const response = await t.json('POST', '/api/auth/wechat', { code: 'made-up' })
    expect(response).toMatchObject({ status: 401, body: { error: { code: 'WECHAT_CODE_INVALID' } } })
  })

  it('the same WeChat user logging in again is the same member', async () => {
    wechat.issueCode('code-3a', 'o_openid_0003', sessionKey)
    wechat.issueCode('code-3b', 'o_openid_0003', 'bmV3LXNlc3Npb24ta2V5')
    const a = await t.json('POST', '/api/auth/wechat', { code: 'code-3a' })
    const joined = await t.json('POST', '/api/members/join', {}, a.body.token)
    const b = await t.json('POST', '/api/auth/wechat', { code: 'code-3b' })
    expect(b.body.member.id).toBe(joined.body.member.id)
    const row = await t.db
      .selectFrom('wechat_sessions')
      .select('session_key')
      .where('member_id', '=', joined.body.member.id)
      .executeTakeFirstOrThrow()
    expect(row.session_key).toBe('bmV3LXNlc3Npb24ta2V5')
  })

  it('never writes the app secret or a session key to the log', () => {
    const log = t.logLines.join('\n')
    expect(log).toContain('/api/auth/wechat')
    expect(log).not.toContain(appSecret)
    expect(log).not.toContain(sessionKey)
    expect(log).not.toContain('code-1')
  })
})

describe('WeChat misconfigured or down', () => {
  it('reports a wrong app secret as WECHAT_UNAVAILABLE without echoing the secret', async () => {
    const wechat = await startFakeWechat({ appId, appSecret })
    const wrongSecret = 'ffffffffffffffffffffffffffffffff'
    const t = await createTestApp({
      wechat: createWechatLogin({ appId, appSecret: wrongSecret, apiBase: wechat.baseUrl }),
    })
    wechat.issueCode('code-x', 'o_x', sessionKey)
    const response = await t.json('POST', '/api/auth/wechat', { code: 'code-x' })
    expect(response).toMatchObject({ status: 502, body: { error: { code: 'WECHAT_UNAVAILABLE' } } })
    expect(JSON.stringify(response.body) + t.logLines.join('')).not.toContain(wrongSecret)
    await t.close()
    await wechat.close()
  })

  it('answers 502 when WeChat cannot be reached, and 403 when WeChat login is not configured', async () => {
    const down = await createTestApp({
      wechat: createWechatLogin({ appId, appSecret, apiBase: 'http://127.0.0.1:9', timeoutMs: 2000 }),
    })
    expect((await down.json('POST', '/api/auth/wechat', { code: 'c' })).body.error.code).toBe('WECHAT_UNAVAILABLE')
    await down.close()
    const off = await createTestApp({ wechat: null })
    expect(await off.json('POST', '/api/auth/wechat', { code: 'c' })).toMatchObject({
      status: 403,
      body: { error: { code: 'WECHAT_LOGIN_DISABLED' } },
    })
    await off.close()
  })
})
