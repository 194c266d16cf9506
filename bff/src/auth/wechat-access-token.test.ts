import { beforeAll, describe, expect, it } from 'vitest'
import { startFakeWechatApi } from '../test/fake-wechat-api-server'
import { useTestApp } from '../test/test-app'
import { accessTokenRenewMarginMs, WechatTokenRefused, wechatAccessToken } from './wechat-access-token'

const credentials = { appId: 'wx00000000000000aa', appSecret: 'aa'.repeat(16) }

describe('the WeChat access token kept in the database', () => {
  let fake: Awaited<ReturnType<typeof startFakeWechatApi>>
  const app = { ...credentials, apiBase: '' }
  beforeAll(async () => {
    fake = await startFakeWechatApi(credentials)
    app.apiBase = fake.baseUrl
    return () => fake.close()
  })
  const t = useTestApp({}, { verifyLedgers: false })
  const storedRow = () =>
    t.db.selectFrom('wechat_access_tokens').selectAll().where('app_id', '=', app.appId).executeTakeFirstOrThrow()

  it('fetches once, stores the token with its expiry, and every later caller reads the row', async () => {
    const first = await wechatAccessToken(t.db, app, t.clock)
    expect(first).toBe('FAKE_ACCESS_TOKEN_1')
    expect(await storedRow()).toEqual({
      app_id: app.appId,
      token: 'FAKE_ACCESS_TOKEN_1',
      fetched_at: t.clock.now().toISOString(),
      expires_at: new Date(t.clock.now().getTime() + 7200_000).toISOString(),
    })
    expect(await wechatAccessToken(t.db, app, t.clock)).toBe(first)
    expect(fake.tokenRequests).toHaveLength(1)
  })

  it('keeps the token until five minutes are left, then fetches a new one', async () => {
    const before = fake.tokenRequests.length
    t.clock.advanceMs(7200_000 - accessTokenRenewMarginMs - 1000)
    expect(await wechatAccessToken(t.db, app, t.clock)).toBe('FAKE_ACCESS_TOKEN_1')
    t.clock.advanceMs(1000)
    expect(await wechatAccessToken(t.db, app, t.clock)).toBe('FAKE_ACCESS_TOKEN_2')
    expect(fake.tokenRequests.length).toBe(before + 1)
    expect((await storedRow()).token).toBe('FAKE_ACCESS_TOKEN_2')
  })

  it('callers in one process that find it stale together share one fetch', async () => {
    t.clock.advanceMs(7200_000)
    const before = fake.tokenRequests.length
    const tokens = await Promise.all(Array.from({ length: 5 }, () => wechatAccessToken(t.db, app, t.clock)))
    expect(new Set(tokens)).toEqual(new Set(['FAKE_ACCESS_TOKEN_3']))
    expect(fake.tokenRequests.length).toBe(before + 1)
  })

  it('a stale token refetches, unless another instance has already put a new one in the row', async () => {
    const current = (await storedRow()).token
    const before = fake.tokenRequests.length
    const renewed = await wechatAccessToken(t.db, app, t.clock, { staleToken: current })
    expect(renewed).not.toBe(current)
    expect(fake.tokenRequests.length).toBe(before + 1)
    // A second instance that met the same old token now finds the renewed one and does not fetch again.
    expect(await wechatAccessToken(t.db, app, t.clock, { staleToken: current })).toBe(renewed)
    expect(fake.tokenRequests.length).toBe(before + 1)
  })

  it('a fetch finishing late does not replace a token fetched after it', async () => {
    const newer = await storedRow()
    const slowClock = { now: () => new Date(Date.parse(newer.fetched_at) - 1000) }
    const late = await wechatAccessToken(t.db, app, slowClock, { staleToken: newer.token })
    expect(late).not.toBe(newer.token)
    expect(await storedRow()).toEqual(newer)
  })

  it('reports a refused fetch with the errcode and without the secret', async () => {
    const wrong = { ...app, appId: 'wx00000000000000bb' }
    const refused = await wechatAccessToken(t.db, wrong, t.clock).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(WechatTokenRefused)
    expect(refused).toMatchObject({ errcode: 40013 })
    expect(String((refused as Error).message)).not.toContain(app.appSecret)
  })
})
