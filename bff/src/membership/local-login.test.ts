import { describe, expect, it } from 'vitest'
import { outletScene } from '../outlets/outlet-scene'
import { testQrSceneSecret, useTestApp } from '../test/test-app'

describe('local login and joining', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  const membersWithPhone = (phone: string) =>
    t.db.selectFrom('members').select(['id', 'joined_at']).where('phone', '=', phone).execute()

  it('logs in by phone as a visitor: no member row, and /api/me asks to join first', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000001' })
    expect(login.status).toBe(200)
    expect(login.body.member).toBeNull()
    expect(await membersWithPhone('13900000001')).toEqual([])
    const me = await t.json('GET', '/api/me', undefined, login.body.token)
    expect(me).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
    expect(await membersWithPhone('13900000001')).toEqual([])
  })

  it('joining creates the member, and the same token is then a member session', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000011' })
    const join = await t.json('POST', '/api/members/join', {}, login.body.token)
    expect(join).toMatchObject({ status: 200, body: { joinedNow: true, member: { phoneMasked: '139****0011' } } })
    expect(await membersWithPhone('13900000011')).toEqual([{ id: join.body.member.id, joined_at: expect.any(String) }])
    const me = await t.json('GET', '/api/me', undefined, login.body.token)
    expect(me).toMatchObject({ status: 200, body: { member: { id: join.body.member.id } } })
    const session = await t.db
      .selectFrom('sessions')
      .select(['member_id', 'expires_at'])
      .where('member_id', '=', join.body.member.id)
      .executeTakeFirstOrThrow()
    expect(session.expires_at).toBe(login.body.expiresAt)
    const left = t.db.selectFrom('visitor_sessions').select('token_hash').where('phone', '=', '13900000011')
    expect(await left.execute()).toEqual([])
  })

  it('a member on file logs in with a member session and their profile', async () => {
    const token = await t.joinedMember('13900000012')
    const me = await t.json('GET', '/api/me', undefined, token)
    const again = await t.json('POST', '/api/auth/local', { phone: '13900000012' })
    expect(again.body.member).toMatchObject({ id: me.body.member.id, phoneMasked: '139****0012' })
    expect(again.body.member.joinedAt).not.toBeNull()
    expect((await t.json('GET', '/api/me', undefined, again.body.token)).status).toBe(200)
  })

  it('a visitor can log out, and the token is then refused', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000013' })
    const out = await t.json('POST', '/api/auth/logout', undefined, login.body.token)
    expect(out).toMatchObject({ status: 200, body: { loggedOut: true } })
    const join = await t.json('POST', '/api/members/join', {}, login.body.token)
    expect(join).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } })
    expect(await membersWithPhone('13900000013')).toEqual([])
  })

  it("a visitor token on a console route is another side's credential (403), not an unknown one", async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000014' })
    const staff = await t.json('GET', '/api/admin/members', undefined, login.body.token)
    expect(staff.status).toBe(403)
  })

  it('keeps at most five visitor sessions per phone, ending the oldest', async () => {
    const logins = []
    for (let i = 0; i < 7; i++) {
      logins.push(await t.json('POST', '/api/auth/local', { phone: '13900000015' }))
      t.clock.advanceMs(1000)
    }
    const open = await t.db
      .selectFrom('visitor_sessions')
      .select('token_hash')
      .where('phone', '=', '13900000015')
      .execute()
    expect(open).toHaveLength(5)
    const oldest = await t.json('POST', '/api/members/join', {}, logins[0].body.token)
    expect(oldest.status).toBe(401)
    const newest = await t.json('POST', '/api/members/join', {}, logins[6].body.token)
    expect(newest.status).toBe(200)
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
    expect(await membersWithPhone('13900000004')).toEqual([])
    const forged = await t.json('POST', '/api/members/join', { scene: 'forged-scene-0000' }, login.body.token)
    expect(forged.status).toBe(400)
    expect(await membersWithPhone('13900000004')).toEqual([])
    const plain = await t.json('POST', '/api/members/join', {}, login.body.token)
    expect(plain).toMatchObject({ status: 200, body: { joinedNow: true, member: { sourceOutlet: null } } })
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

  it('the same phone joining from two logins is one member', async () => {
    const a = await t.json('POST', '/api/auth/local', { phone: '13900000006' })
    const b = await t.json('POST', '/api/auth/local', { phone: '13900000006' })
    expect(a.body.token).not.toBe(b.body.token)
    const joinA = await t.json('POST', '/api/members/join', {}, a.body.token)
    const joinB = await t.json('POST', '/api/members/join', {}, b.body.token)
    expect(joinA.body).toMatchObject({ joinedNow: true })
    expect(joinB.body).toMatchObject({ joinedNow: false, member: { id: joinA.body.member.id } })
  })

  it('twenty joins racing from twenty logins of one phone create exactly one member and one join', async () => {
    const logins = []
    for (let i = 0; i < 20; i++) logins.push(await t.json('POST', '/api/auth/local', { phone: '13900000007' }))
    const answers = await Promise.all(logins.map((l) => t.json('POST', '/api/members/join', {}, l.body.token)))
    // Past five sessions per phone the oldest logins were ended: those tokens are refused, the rest join.
    const joined = answers.filter((a) => a.status === 200)
    expect(joined.length).toBe(5)
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 401)).toBe(true)
    expect(new Set(joined.map((a) => a.body.member.id)).size).toBe(1)
    expect(joined.filter((a) => a.body.joinedNow)).toHaveLength(1)
    const rows = await t.db.selectFrom('members').select('id').where('phone', '=', '13900000007').execute()
    expect(rows).toHaveLength(1)
  })

  it('twenty joins racing on one visitor token make one member, one join and one session', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13900000008' })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.json('POST', '/api/members/join', {}, login.body.token)),
    )
    const ok = answers.filter((a) => a.status === 200)
    expect(ok.filter((a) => a.body.joinedNow)).toHaveLength(1)
    // A join that read the token before another promoted it still joins the same member; none may fail oddly.
    expect(answers.every((a) => a.status === 200 || a.status === 401)).toBe(true)
    const rows = await membersWithPhone('13900000008')
    expect(rows).toHaveLength(1)
    const sessions = await t.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('member_id', '=', rows[0].id)
      .execute()
    expect(sessions).toHaveLength(1)
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
