import { permissions } from '@mc/shared'
import QRCode from 'qrcode'
import { beforeAll, describe, expect, it } from 'vitest'
import { storeApiKey } from '../auth/api-keys'
import { fakeWxacodePng, startFakeWechatApi } from '../test/fake-wechat-api-server'
import { operatorToken } from '../test/operator-fixtures'
import { type TestApp, testAdminToken, useTestApp } from '../test/test-app'
import { accessTokenRenewMarginMs } from './wxacode'

const image = async (t: TestApp, path: string, token = testAdminToken) => {
  const response = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } })
  const bytes = Buffer.from(await response.arrayBuffer())
  return { response, bytes, json: () => JSON.parse(bytes.toString('utf8')) }
}

const openOutlet = async (t: TestApp, name: string) =>
  (await t.json('POST', '/api/admin/outlets', { name }, testAdminToken)).body as { id: string; scene: string }

describe('store join QR on an H5 deployment', () => {
  const t = useTestApp({ joinQr: { publicBaseUrl: 'https://member.example.com' } }, { verifyLedgers: false })

  it('gives the join details: signed scene, absolute H5 URL, an H5 QR', async () => {
    const outlet = await openOutlet(t, '徐汇店')
    const join = await t.json('GET', `/api/admin/outlets/${outlet.id}/join`, undefined, testAdminToken)
    expect(join).toEqual({
      status: 200,
      body: {
        outletId: outlet.id,
        name: '徐汇店',
        scene: outlet.scene,
        joinUrl: `https://member.example.com/#/membership/pages/join/index?scene=${encodeURIComponent(outlet.scene)}`,
        qrKind: 'h5',
        weappPage: null,
        qrPath: `/api/admin/outlets/${outlet.id}/qr.png`,
      },
    })
  })

  it('draws the QR of exactly that URL as a PNG', async () => {
    const outlet = await openOutlet(t, '静安店')
    const { response, bytes } = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const joinUrl = `https://member.example.com/#/membership/pages/join/index?scene=${encodeURIComponent(outlet.scene)}`
    const expected = await QRCode.toBuffer(joinUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 512 })
    expect(bytes.equals(expected)).toBe(true)
    expect(bytes.readUInt32BE(16)).toBe(512) // IHDR width
  })

  it('answers 404 for an unknown store, and keeps a store manager to their own store', async () => {
    const mine = await openOutlet(t, '我的店')
    const other = await openOutlet(t, '别人的店')
    expect((await image(t, '/api/admin/outlets/out_NOPE/qr.png')).json().error.code).toBe('OUTLET_NOT_FOUND')
    const manager = await operatorToken(t, 'store_manager', mine.id)
    expect((await image(t, `/api/admin/outlets/${mine.id}/qr.png`, manager.token)).response.status).toBe(200)
    const refused = await image(t, `/api/admin/outlets/${other.id}/qr.png`, manager.token)
    expect(refused.response.status).toBe(403)
    expect(refused.json().error.code).toBe('OUTLET_FORBIDDEN')
    const join = await t.json('GET', `/api/admin/outlets/${other.id}/join`, undefined, manager.token)
    expect(join).toMatchObject({ status: 403, body: { error: { code: 'OUTLET_FORBIDDEN' } } })
  })

  it('needs outlets.read', async () => {
    const outlet = await openOutlet(t, '权限店')
    const mallOnly = 'mall_only_key_0123456789abcdef'
    await storeApiKey(t.db, {
      name: 'mall only',
      permissions: permissions.filter((p) => p !== 'outlets.read'),
      createdBy: null,
      now: t.clock.now(),
      secret: mallOnly,
    })
    const refused = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`, mallOnly)
    expect(refused.response.status).toBe(403)
    expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'outlets.read' } })
    expect((await t.app.request(`/api/admin/outlets/${outlet.id}/qr.png`)).status).toBe(401)
  })
})

describe('store join QR without a scene secret', () => {
  const t = useTestApp({ qrSceneSecret: null }, { verifyLedgers: false })

  it('says the secret is missing instead of drawing a code that cannot be verified', async () => {
    const outlet = await openOutlet(t, '无密钥店')
    const qr = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(qr.response.status).toBe(503)
    expect(qr.json().error.code).toBe('QR_SCENE_NOT_CONFIGURED')
  })
})

describe('store join QR on a weapp deployment (wxacode.getUnlimited)', () => {
  const credentials = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' }
  const wechat = { ...credentials, apiBase: 'http://127.0.0.1:1', envVersion: 'trial' as const }
  let fake: Awaited<ReturnType<typeof startFakeWechatApi>>
  beforeAll(async () => {
    fake = await startFakeWechatApi(credentials)
    wechat.apiBase = fake.baseUrl
    return () => fake.close()
  })
  const t = useTestApp({ joinQr: { wechat } }, { verifyLedgers: false })

  it('says the page shows a mini-program code for the join page', async () => {
    const outlet = await openOutlet(t, '小程序店')
    const join = await t.json('GET', `/api/admin/outlets/${outlet.id}/join`, undefined, testAdminToken)
    expect(join.body).toMatchObject({ qrKind: 'weapp', weappPage: 'membership/pages/join/index' })
  })

  it('asks WeChat for the code with the scene exactly, fetching the access token once and reusing it', async () => {
    const outlet = await openOutlet(t, '扫码店')
    const tokensBefore = fake.tokenRequests.length
    for (let i = 0; i < 3; i += 1) {
      const { response, bytes } = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/png')
      expect(bytes.equals(fakeWxacodePng)).toBe(true)
    }
    expect(fake.tokenRequests.length - tokensBefore).toBe(1)
    expect(fake.tokenRequests.at(-1)).toEqual({ appid: credentials.appId, grantType: 'client_credential' })
    expect(fake.codeRequests.slice(-3).map((r) => r.accessToken)).toEqual(Array(3).fill('FAKE_ACCESS_TOKEN_1'))
    expect(fake.codeRequests.at(-1)!.body).toEqual({
      scene: outlet.scene,
      page: 'membership/pages/join/index',
      check_path: false,
      env_version: 'trial',
    })
  })

  it('renews the token five minutes before it expires, not sooner', async () => {
    const outlet = await openOutlet(t, '续期店')
    await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    const before = fake.tokenRequests.length
    // The cached token was fetched by the previous test at the current clock time and lasts 7200 s.
    t.clock.advanceMs(7200_000 - accessTokenRenewMarginMs - 1000)
    await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(fake.tokenRequests.length).toBe(before)
    t.clock.advanceMs(2000)
    expect((await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)).response.status).toBe(200)
    expect(fake.tokenRequests.length).toBe(before + 1)
    expect(fake.codeRequests.at(-1)!.accessToken).toBe('FAKE_ACCESS_TOKEN_2')
  })

  it('fetches a new token once when WeChat calls the cached one invalid', async () => {
    const outlet = await openOutlet(t, '换令牌店')
    fake.revokeTokens()
    const before = fake.tokenRequests.length
    const { response } = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(response.status).toBe(200)
    expect(fake.tokenRequests.length).toBe(before + 1)
  })

  it('maps a WeChat errcode to WECHAT_QR_FAILED with the errcode', async () => {
    const outlet = await openOutlet(t, '限频店')
    fake.failNext(45009, 'reach max api daily quota limit')
    const failed = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(failed.response.status).toBe(502)
    expect(failed.json().error).toEqual({
      code: 'WECHAT_QR_FAILED',
      message: '微信小程序码生成失败，请稍后再试',
      details: { step: 'getwxacodeunlimit', wechatErrcode: 45009, wechatErrmsg: 'reach max api daily quota limit' },
    })
  })
})

describe('store join QR with WeChat credentials WeChat refuses, or WeChat unreachable', () => {
  const credentials = { appId: 'wx0123456789abcdef', appSecret: '0123456789abcdef0123456789abcdef' }
  const wrongSecret = { ...credentials, appSecret: 'f'.repeat(32), apiBase: '', envVersion: 'release' as const }
  let fake: Awaited<ReturnType<typeof startFakeWechatApi>>
  beforeAll(async () => {
    fake = await startFakeWechatApi(credentials)
    wrongSecret.apiBase = fake.baseUrl
    return () => fake.close()
  })
  const t = useTestApp({ joinQr: { wechat: wrongSecret } }, { verifyLedgers: false })

  it('says the token fetch failed, without the secret', async () => {
    const outlet = await openOutlet(t, '错密钥店')
    const failed = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(failed.response.status).toBe(502)
    expect(failed.json().error).toMatchObject({
      code: 'WECHAT_QR_FAILED',
      details: { step: 'access_token', wechatErrcode: 40125 },
    })
    expect(failed.bytes.toString()).not.toContain(wrongSecret.appSecret)
    expect(fake.codeRequests).toEqual([])
  })

  it('answers WECHAT_UNAVAILABLE when WeChat cannot be reached', async () => {
    const outlet = await openOutlet(t, '断网店')
    await fake.close()
    const failed = await image(t, `/api/admin/outlets/${outlet.id}/qr.png`)
    expect(failed.response.status).toBe(502)
    expect(failed.json().error.code).toBe('WECHAT_UNAVAILABLE')
    fake = await startFakeWechatApi(credentials) // for the afterAll close
  })
})
