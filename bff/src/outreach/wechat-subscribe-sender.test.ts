import { beforeAll, describe, expect, it } from 'vitest'
import { startFakeWechatApi } from '../test/fake-wechat-api-server'
import { useTestApp } from '../test/test-app'
import { createWechatSubscribeSender } from './wechat-subscribe-sender'

const credentials = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' }
const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'
const message = {
  openid,
  templateId: 'TPL_points_expiring_0001',
  page: 'points/pages/expiring/index',
  data: { thing1: '积分即将到期', number2: '320', date3: '2026年12月31日' },
}

describe('WeChat subscribe messages through subscribeMessage.send', () => {
  let fake: Awaited<ReturnType<typeof startFakeWechatApi>>
  const app = { ...credentials, apiBase: '', envVersion: 'trial' as const }
  beforeAll(async () => {
    fake = await startFakeWechatApi(credentials)
    app.apiBase = fake.baseUrl
    return () => fake.close()
  })
  const t = useTestApp({}, { verifyLedgers: false })
  const sender = () => createWechatSubscribeSender({ app, db: t.db, clock: t.clock })

  it('posts the documented body with the access token and reports the msgid', async () => {
    const outcome = await sender().send(message)
    expect(outcome).toEqual({ ok: true, providerId: expect.stringMatching(/^\d+$/) })
    expect(fake.sendRequests.at(-1)).toEqual({
      accessToken: 'FAKE_ACCESS_TOKEN_1',
      body: {
        touser: openid,
        template_id: 'TPL_points_expiring_0001',
        page: 'points/pages/expiring/index',
        data: { thing1: { value: '积分即将到期' }, number2: { value: '320' }, date3: { value: '2026年12月31日' } },
        miniprogram_state: 'trial',
        lang: 'zh_CN',
      },
    })
  })

  it('leaves page out when the message opens no page', async () => {
    await sender().send({ ...message, page: null })
    expect(fake.sendRequests.at(-1)!.body).not.toHaveProperty('page')
  })

  it('shares one token between two instances on one database: the second does not fetch', async () => {
    const before = fake.tokenRequests.length
    const [one, two] = [sender(), sender()]
    expect((await one.send(message)).ok).toBe(true)
    expect((await two.send(message)).ok).toBe(true)
    expect(fake.tokenRequests.length).toBe(before)
    expect(fake.sendRequests.slice(-2).map((r) => r.accessToken)).toEqual([
      'FAKE_ACCESS_TOKEN_1',
      'FAKE_ACCESS_TOKEN_1',
    ])
  })

  it('renews the token once on 40001 and sends again', async () => {
    fake.revokeTokens()
    const before = { tokens: fake.tokenRequests.length, sends: fake.sendRequests.length }
    expect(await sender().send(message)).toMatchObject({ ok: true })
    expect(fake.tokenRequests.length).toBe(before.tokens + 1)
    expect(fake.sendRequests.slice(before.sends).map((r) => r.accessToken)).toEqual([
      'FAKE_ACCESS_TOKEN_1',
      'FAKE_ACCESS_TOKEN_2',
    ])
  })

  it('gives up for now when the renewed token is refused too, without a third try', async () => {
    fake.failNextSends({ errcode: 40001, errmsg: 'invalid credential' }, { errcode: 42001, errmsg: 'expired' })
    const before = fake.sendRequests.length
    expect(await sender().send(message)).toEqual({ ok: false, permanent: false, error: 'wechat 42001: expired' })
    expect(fake.sendRequests.length).toBe(before + 2)
  })

  it('marks 43101 (refused, or no acceptance left) permanent and the subscription spent', async () => {
    fake.failNextSends({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
    expect(await sender().send(message)).toEqual({
      ok: false,
      permanent: true,
      subscriptionSpent: true,
      error: 'wechat 43101: user refuse to accept the msg',
    })
  })

  it.each([
    ['an openid WeChat does not know', { ...message, openid: 'bad openid' }, 40003, true],
    ['template data of the wrong shape', { ...message, data: { 'not a keyword': 'x' } }, 47003, true],
  ])('refuses %s for good (errcode %i)', async (_, bad, errcode, permanent) => {
    const outcome = await sender().send(bad)
    expect(outcome).toMatchObject({ ok: false, permanent, error: expect.stringContaining(`wechat ${errcode}`) })
    expect(outcome).not.toHaveProperty('subscriptionSpent')
  })

  it.each([
    [-1, 'system error', false],
    [45009, 'reach max api daily quota limit', false],
    [40037, 'invalid template_id', true],
  ])('maps errcode %i to permanent=%s', async (errcode, errmsg, permanent) => {
    fake.failNextSends({ errcode, errmsg })
    expect(await sender().send(message)).toEqual({ ok: false, permanent, error: `wechat ${errcode}: ${errmsg}` })
  })

  it('reports WeChat unreachable as transient, with no token in the error', async () => {
    const offline = createWechatSubscribeSender({
      app: { ...app, apiBase: 'http://127.0.0.1:1' },
      db: t.db,
      clock: t.clock,
    })
    expect(await offline.send(message)).toEqual({ ok: false, permanent: false, error: 'wechat unreachable' })
  })

  it('reports a refused token fetch as transient', async () => {
    const wrongSecret = createWechatSubscribeSender({
      app: { ...app, appId: 'wx00000000000000cc' },
      db: t.db,
      clock: t.clock,
    })
    expect(await wrongSecret.send(message)).toEqual({
      ok: false,
      permanent: false,
      error: 'wechat access_token refused: 40013',
    })
  })
})
