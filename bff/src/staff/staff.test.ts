import { beforeAll, describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../test/test-app'
import { outletWithStaff } from '../test/staff-fixtures'

describe('staff accounts, login and roles', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let outletId: string
  beforeAll(async () => {
    outletId = (await t.json('POST', '/api/admin/outlets', { name: '徐汇旗舰店' }, testAdminToken)).body.id
  })

  const createStaff = (body: Record<string, unknown>, token = testAdminToken) =>
    t.json('POST', '/api/admin/staff', body, token)
  const login = (phone: string, pin: string) => t.json('POST', '/api/staff/login', { phone, pin })

  it('lets the admin create staff with a scrypt-hashed PIN, audited without the PIN', async () => {
    const created = await createStaff({ name: '王店长', phone: '15100000001', outletId, pin: '246810' })
    expect(created).toEqual({
      status: 201,
      body: {
        id: expect.stringMatching(/^stf_/),
        name: '王店长',
        phoneMasked: '151****0001',
        outlet: { id: outletId, name: '徐汇旗舰店' },
        disabled: false,
        disabledAt: null,
        createdAt: t.clock.now().toISOString(),
      },
    })
    const row = await t.db
      .selectFrom('staff')
      .select('pin_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(row.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^api_key:key_/),
      action: 'staff.create',
      target_type: 'staff',
    })
    expect(audit.detail).not.toContain('246810')
    expect(audit.detail).not.toContain('15100000001')
  })

  it('refuses a taken phone, an unknown store and a trivial PIN', async () => {
    await createStaff({ name: '甲', phone: '15100000002', outletId, pin: '246810' })
    expect(await createStaff({ name: '乙', phone: '15100000002', outletId, pin: '135790' })).toMatchObject({
      status: 409,
      body: { error: { code: 'STAFF_PHONE_TAKEN' } },
    })
    expect(
      await createStaff({ name: '丙', phone: '15100000003', outletId: 'outlet_nope', pin: '246810' }),
    ).toMatchObject({ status: 404, body: { error: { code: 'OUTLET_NOT_FOUND' } } })
    const trivial = await createStaff({ name: '丁', phone: '15100000004', outletId, pin: '123456' })
    expect(trivial).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', details: { issues: [{ path: 'pin' }] } } },
    })
    expect(
      await t.db.selectFrom('staff').select('id').where('phone', 'in', ['15100000003', '15100000004']).execute(),
    ).toEqual([])
  })

  it('logs staff in with phone and PIN; a wrong PIN and an unknown phone look the same', async () => {
    await createStaff({ name: '李收银', phone: '15100000005', outletId, pin: '975318' })
    const ok = await login('15100000005', '975318')
    expect(ok).toMatchObject({
      status: 200,
      body: {
        token: expect.stringMatching(/^mcst_[A-Za-z0-9_-]{43}$/),
        staff: { name: '李收银', outlet: { id: outletId } },
      },
    })
    expect(Date.parse(ok.body.expiresAt) - t.clock.now().getTime()).toBe(12 * 3_600_000)
    const wrongPin = await login('15100000005', '975319')
    const unknown = await login('15100000099', '975318')
    expect(wrongPin).toEqual({
      status: 401,
      body: { error: { code: 'STAFF_LOGIN_FAILED', message: '手机号或密码错误' } },
    })
    expect(unknown).toEqual(wrongPin)
  })

  it('locks a phone after five wrong PINs in ten minutes, even for the right PIN, then lets it in again', async () => {
    await createStaff({ name: '赵', phone: '15100000006', outletId, pin: '864200' })
    for (let i = 0; i < 5; i += 1) expect((await login('15100000006', '000001')).status).toBe(401)
    expect(await login('15100000006', '864200')).toMatchObject({
      status: 429,
      body: { error: { code: 'STAFF_LOGIN_THROTTLED', details: { retryAfterSeconds: 600 } } },
    })
    t.clock.advanceMs(600_000)
    expect((await login('15100000006', '864200')).status).toBe(200)
    expect((await login('15100000006', '000001')).status).toBe(401) // a success cleared the count
    expect((await login('15100000006', '864200')).status).toBe(200)
  })

  it('keeps the three roles apart', async () => {
    const staff = await outletWithStaff(t)
    const shopper = await t.joinedMember('13100000001')
    // A staff token is nobody on member routes and not the admin on admin routes.
    expect(await t.json('GET', '/api/me', undefined, staff.token)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    })
    expect(await t.json('GET', '/api/admin/outlets', undefined, staff.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    })
    expect(
      (await createStaff({ name: '冒名', phone: '15100000007', outletId, pin: '246810' }, staff.token)).status,
    ).toBe(403)
    // A shopper token on staff routes is 403; no token is 401.
    const purchase = { memberId: 'mbr_x', amountFen: 100, receiptNo: 'R1' }
    expect(await t.json('POST', '/api/staff/purchases', purchase, shopper)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    })
    expect(await t.json('POST', '/api/staff/purchases', purchase)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    })
    expect(await t.json('POST', '/api/staff/logout', undefined, shopper)).toMatchObject({ status: 403 })
    expect(
      (await t.json('POST', '/api/staff/purchases', purchase, 'mcst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))
        .status,
    ).toBe(401)
  })

  it('ends a staff session at logout or after twelve hours', async () => {
    const staff = await outletWithStaff(t)
    const body = { code: '900000000000000000' }
    expect((await t.json('POST', '/api/staff/member-code/verify', body, staff.token)).status).toBe(404)
    expect(await t.json('POST', '/api/staff/logout', undefined, staff.token)).toEqual({
      status: 200,
      body: { loggedOut: true },
    })
    expect((await t.json('POST', '/api/staff/member-code/verify', body, staff.token)).status).toBe(401)
    const second = await t.json('POST', '/api/staff/login', { phone: staff.phone, pin: staff.pin })
    t.clock.advanceMs(12 * 3_600_000)
    expect(await t.json('POST', '/api/staff/member-code/verify', body, second.body.token)).toMatchObject({
      status: 401,
      body: { error: { code: 'SESSION_EXPIRED' } },
    })
  })
})
