import { maxSceneLength } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { testAdminToken, testQrSceneSecret, useTestApp } from '../test/test-app'
import { outletIdFromScene, outletScene } from './outlet-scene'

describe('stores and their signed join QR scenes', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let phoneSeq = 0
  const newShopper = async () =>
    (await t.json('POST', '/api/auth/local', { phone: `1360000${String(++phoneSeq).padStart(4, '0')}` })).body
      .token as string
  const createOutlet = (name: string) => t.json('POST', '/api/admin/outlets', { name }, testAdminToken)
  const sceneLookup = (scene: string) => t.json('GET', `/api/outlets/scene/${encodeURIComponent(scene)}`)
  const invalidScene = {
    status: 400,
    body: { error: { code: 'OUTLET_SCENE_INVALID', message: '门店码已失效，请向店员索取新码' } },
  }

  it('creates a store with a scene of at most 32 characters and its H5 join URL, audited', async () => {
    const created = await createOutlet('陆家嘴店')
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.stringMatching(/^out_[0-9A-Z]{10}$/), name: '陆家嘴店' },
    })
    const { id, scene, joinUrl } = created.body
    expect(scene).toMatch(/^o=out_[0-9A-Z]{10}&s=[A-Za-z0-9_-]{10}$/)
    expect(scene.length).toBeLessThanOrEqual(maxSceneLength)
    expect(joinUrl).toBe(`/#/membership/pages/join/index?scene=${encodeURIComponent(scene)}`)
    const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^api_key:key_/),
      action: 'outlet.create',
      target_type: 'outlet',
    })
    const list = await t.json('GET', '/api/admin/outlets', undefined, testAdminToken)
    expect(list.status).toBe(200)
    expect(list.body.outlets).toContainEqual({
      id,
      name: '陆家嘴店',
      scene,
      joinUrl,
      address: null,
      openingHours: null,
      phone: null,
      closedAt: null,
      createdAt: t.clock.now().toISOString(),
    })
  })

  it('signs the demo stores too, each scene within 32 characters', () => {
    for (const id of ['outlet_xuhui', 'outlet_jingan']) {
      const scene = outletScene(testQrSceneSecret, id)!
      expect(scene.length).toBeLessThanOrEqual(maxSceneLength)
      expect(outletIdFromScene(testQrSceneSecret, scene)).toBe(id)
    }
  })

  it('names the store a genuine scene points to, raw or URL-encoded', async () => {
    const { body: outlet } = await createOutlet('五角场店')
    expect(await sceneLookup(outlet.scene)).toEqual({ status: 200, body: { id: outlet.id, name: '五角场店' } })
    expect(
      await t.json('GET', `/api/outlets/scene/${encodeURIComponent(encodeURIComponent(outlet.scene))}`),
    ).toMatchObject({ status: 200 })
  })

  it('refuses forged and altered scenes', async () => {
    const { body: a } = await createOutlet('甲店')
    const { body: b } = await createOutlet('乙店')
    const signatureOf = (scene: string) => scene.split('&s=')[1]
    const flipped = (text: string) => text.slice(0, -1) + (text.endsWith('A') ? 'B' : 'A')
    const forgeries = [
      `o=${b.id}&s=${signatureOf(a.scene)}`, // another store's signature
      `o=${a.id}&s=${flipped(signatureOf(a.scene))}`, // one character of the signature changed
      `o=${flipped(a.id)}&s=${signatureOf(a.scene)}`, // one character of the id changed
      `o=${a.id}&s=AAAAAAAAAA`,
      `o=${a.id}`,
      a.id,
    ]
    for (const scene of forgeries) expect(await sceneLookup(scene), scene).toEqual(invalidScene)
    const otherSecret = outletScene('another_secret_0123456789', a.id)!
    expect(await sceneLookup(otherSecret)).toEqual(invalidScene)
    const unknownStore = outletScene(testQrSceneSecret, 'out_ZZZZZZZZZZ')!
    expect(await sceneLookup(unknownStore)).toMatchObject({
      status: 404,
      body: { error: { code: 'OUTLET_NOT_FOUND' } },
    })
  })

  it('joins through a scene and records the store as the source channel', async () => {
    const { body: outlet } = await createOutlet('徐家汇店')
    const join = await t.json('POST', '/api/members/join', { scene: outlet.scene }, await newShopper())
    expect(join).toMatchObject({
      status: 200,
      body: { joinedNow: true, member: { sourceOutlet: { id: outlet.id, name: '徐家汇店' } } },
    })
    const row = await t.db
      .selectFrom('members')
      .select(['source_outlet_id', 'source_channel'])
      .where('id', '=', join.body.member.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ source_outlet_id: outlet.id, source_channel: 'outlet_qr' })
  })

  it('refuses a join through a forged scene and writes nothing', async () => {
    const { body: outlet } = await createOutlet('静安寺店')
    const token = await newShopper()
    const forged = `${outlet.scene.slice(0, -1)}${outlet.scene.endsWith('x') ? 'y' : 'x'}`
    expect(await t.json('POST', '/api/members/join', { scene: forged }, token)).toEqual(invalidScene)
    const me = await t.json('GET', '/api/me', undefined, token)
    expect(me).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
    const plainId = await t.json('POST', '/api/members/join', { outletId: outlet.id }, token)
    expect(plainId).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    const bareScene = await t.json('POST', '/api/members/join', { scene: outlet.id }, token)
    expect(bareScene).toEqual(invalidScene)
  })

  it('is admin-only to create or list stores', async () => {
    const shopper = await newShopper()
    expect((await t.json('POST', '/api/admin/outlets', { name: 'x' }, shopper)).status).toBe(403)
    expect((await t.json('GET', '/api/admin/outlets')).status).toBe(401)
    expect(await t.json('POST', '/api/admin/outlets', { name: '' }, testAdminToken)).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST' } },
    })
  })
})

describe('without QR_SCENE_SECRET', () => {
  const t = useTestApp({ qrSceneSecret: null }, { verifyLedgers: false })

  it('issues no scenes and accepts none', async () => {
    const created = await t.json('POST', '/api/admin/outlets', { name: '无密钥店' }, testAdminToken)
    expect(created).toMatchObject({ status: 201, body: { scene: null, joinUrl: null } })
    const genuineElsewhere = outletScene(testQrSceneSecret, created.body.id)!
    expect((await t.json('GET', `/api/outlets/scene/${encodeURIComponent(genuineElsewhere)}`)).status).toBe(400)
  })
})
