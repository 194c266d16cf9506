import { describe, expect, it } from 'vitest'
import { outletScene } from '../outlets/outlet-scene'
import { testQrSceneSecret, useTestApp } from '../test/test-app'

describe('local login and joining', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('logs in by phone, then /api/me asks to join first', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000001' })
    expect(login.status).toBe(200)
    expect(login.body.member).toMatchObject({ phoneMasked: '139****0001', joinedAt: null })
    const me = await t.json('GET', '/api/me', undefined, login.body.token)
    expect(me).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
  })

  it('joins and shows the lowest tier with progress to the next', async () => {
    const token = await t.joinedMember('13900000002')
    const me = await t.json('GET', '/api/me', undefined, token)
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      growth: 0,
      tier: { name: '普通会员', threshold: 0 },
      nextTier: { name: '白银会员', threshold: 500 },
      growthNeeded: 500,
      percent: 0,
    })
    expect(me.body.tiers.map((tier: { name: string }) => tier.name)).toEqual(['普通会员', '白银会员', '黄金会员'])
    expect(JSON.stringify(me.body)).not.toContain('13900000002')
  })

  it('records the store a member joined from, and joining again changes nothing', async () => {
    await t.db
      .insertInto('outlets')
      .values({ id: 'outlet_test', name: '测试门店', created_at: t.clock.now().toISOString() })
      .execute()
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000003' })
    const first = await t.json(
      'POST',
      '/api/members/join',
      { scene: outletScene(testQrSceneSecret, 'outlet_test') },
      login.body.token,
    )
    expect(first.body).toMatchObject({
      joinedNow: true,
      member: { sourceOutlet: { id: 'outlet_test', name: '测试门店' } },
    })
    const again = await t.json('POST', '/api/members/join', {}, login.body.token)
    expect(again.body).toMatchObject({
      joinedNow: false,
      member: { joinedAt: first.body.member.joinedAt, sourceOutlet: { id: 'outlet_test' } },
    })
  })

  it('refuses an unknown store and leaves the shopper unjoined', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000004' })
    const join = await t.json(
      'POST',
      '/api/members/join',
      { scene: outletScene(testQrSceneSecret, 'outlet_nope') },
      login.body.token,
    )
    expect(join).toMatchObject({ status: 404, body: { error: { code: 'OUTLET_NOT_FOUND', message: '门店不存在' } } })
    const row = await t.db
      .selectFrom('members')
      .select('joined_at')
      .where('phone', '=', '13900000004')
      .executeTakeFirstOrThrow()
    expect(row.joined_at).toBeNull()
  })

  it.each([
    [{ phone: '12345' }, 'phone'],
    [{ phone: '23900000000' }, 'phone'],
    [{}, 'phone'],
    [{ phone: '13900000005', admin: true }, ''],
  ])('rejects login body %j with a field-level error', async (body, path) => {
    const response = await t.json('POST', '/api/auth/local', body)
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('INVALID_REQUEST')
    expect(response.body.error.details.issues[0].path).toBe(path)
  })

  it('the same phone logging in twice is one member', async () => {
    const a = await t.json('POST', '/api/auth/local', { phone: '13900000006' })
    const b = await t.json('POST', '/api/auth/local', { phone: '13900000006' })
    expect(a.body.member.id).toBe(b.body.member.id)
    expect(a.body.token).not.toBe(b.body.token)
  })

  it('twenty first logins racing for one phone create exactly one member', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.json('POST', '/api/auth/local', { phone: '13900000007' })),
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(new Set(answers.map((a) => a.body.member.id)).size).toBe(1)
    const rows = await t.db.selectFrom('members').select('id').where('phone', '=', '13900000007').execute()
    expect(rows).toHaveLength(1)
  })
})

describe('local login switched off', () => {
  const t = useTestApp({ localLoginEnabled: false }, { verifyLedgers: false })

  it('answers 403 LOCAL_LOGIN_DISABLED and creates nobody', async () => {
    const response = await t.json('POST', '/api/auth/local', { phone: '13900000001' })
    expect(response).toMatchObject({ status: 403, body: { error: { code: 'LOCAL_LOGIN_DISABLED' } } })
    expect(await t.db.selectFrom('members').select('id').execute()).toHaveLength(0)
  })
})
