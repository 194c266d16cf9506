import { beforeAll, describe, expect, it } from 'vitest'
import { operatorToken } from '../test/operator-fixtures'
import { outletWithStaff } from '../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe("staff administration: list, disable, reset PIN, narrowed to a store manager's store", () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let owner: Awaited<ReturnType<typeof operatorToken>>

  beforeAll(async () => {
    owner = await operatorToken(t, 'owner')
  })

  /** Any staff route that needs a live session: with one it is 404 for this code, without one 401. */
  const sessionAlive = async (token: string) =>
    (await t.json('POST', '/api/staff/member-code/verify', { code: '900000000000000000' }, token)).status === 404
  const login = (phone: string, pin: string) => t.json('POST', '/api/staff/login', { phone, pin })
  const auditOf = (staffId: string) =>
    t.db.selectFrom('audit_log').selectAll().where('target_id', '=', staffId).orderBy('id').execute()
  const staffRow = (staffId: string) =>
    t.db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirstOrThrow()

  it('lists staff with their store and status, every store or one', async () => {
    const a = await outletWithStaff(t, { outletName: '列表甲店' })
    const b = await outletWithStaff(t, { outletName: '列表乙店' })
    const all = await t.json('GET', '/api/admin/staff', undefined, owner.token)
    expect(all.status).toBe(200)
    const ids = all.body.staff.map((s: { id: string }) => s.id)
    expect(ids).toEqual(expect.arrayContaining([a.staffId, b.staffId]))
    expect(all.body.staff.find((s: { id: string }) => s.id === a.staffId)).toEqual({
      id: a.staffId,
      name: expect.any(String),
      phoneMasked: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
      outlet: { id: a.outletId, name: '列表甲店' },
      disabled: false,
      disabledAt: null,
      createdAt: t.clock.now().toISOString(),
    })
    const one = await t.json('GET', `/api/admin/staff?outletId=${b.outletId}`, undefined, owner.token)
    expect(one.body.staff.map((s: { id: string }) => s.id)).toEqual([b.staffId])
    expect((await t.json('GET', '/api/admin/staff?outletId=', undefined, owner.token)).status).toBe(400)
    expect((await t.json('GET', '/api/admin/staff?outletId=out_nope', undefined, owner.token)).body).toEqual({
      staff: [],
    })
  })

  it('disabling ends open sessions and refuses login; enabling lets them in again; audited', async () => {
    const s = await outletWithStaff(t)
    expect(await sessionAlive(s.token)).toBe(true)
    const disabled = await t.json('PATCH', `/api/admin/staff/${s.staffId}`, { disabled: true }, owner.token)
    expect(disabled).toMatchObject({
      status: 200,
      body: { id: s.staffId, disabled: true, disabledAt: t.clock.now().toISOString() },
    })
    expect(await sessionAlive(s.token)).toBe(false)
    expect(await login(s.phone, s.pin)).toEqual({
      status: 403,
      body: { error: { code: 'STAFF_DISABLED', message: '该店员账号已停用，请联系店长' } },
    })
    // A wrong PIN for a disabled account reads like any wrong PIN: nothing is told to a guesser.
    expect((await login(s.phone, '135799')).body.error.code).toBe('STAFF_LOGIN_FAILED')
    // Disabling again changes nothing and writes no second line.
    expect((await t.json('PATCH', `/api/admin/staff/${s.staffId}`, { disabled: true }, owner.token)).status).toBe(200)

    const enabled = await t.json('PATCH', `/api/admin/staff/${s.staffId}`, { disabled: false }, owner.token)
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null })
    expect((await login(s.phone, s.pin)).status).toBe(200)
    expect(await sessionAlive(s.token)).toBe(false) // the old session stays ended

    const lines = await auditOf(s.staffId)
    expect(lines.map((line) => [line.action, line.actor])).toEqual([
      ['staff.create', expect.stringMatching(/^api_key:/)],
      ['staff.disable', `operator:${owner.operator.id}`],
      ['staff.enable', `operator:${owner.operator.id}`],
    ])
    expect(JSON.parse(lines[1].detail)).toEqual({ outletId: s.outletId, sessionsEnded: 1 })
  })

  it('refuses a bad body (400) and an unknown account (404), writing nothing', async () => {
    const s = await outletWithStaff(t)
    for (const body of [{}, { disabled: 'yes' }, { disabled: true, name: 'x' }]) {
      const answer = await t.json('PATCH', `/api/admin/staff/${s.staffId}`, body, owner.token)
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    }
    expect((await staffRow(s.staffId)).disabled_at).toBeNull()
    expect(await sessionAlive(s.token)).toBe(true)
    expect(await t.json('PATCH', '/api/admin/staff/stf_missing', { disabled: true }, owner.token)).toMatchObject({
      status: 404,
      body: { error: { code: 'STAFF_NOT_FOUND' } },
    })
    expect(await t.json('POST', '/api/admin/staff/stf_missing/pin', { pin: '802468' }, owner.token)).toMatchObject({
      status: 404,
      body: { error: { code: 'STAFF_NOT_FOUND' } },
    })
    expect(await auditOf(s.staffId)).toHaveLength(1)
  })

  it('a PIN reset: old PIN refused, new one works, open sessions end; audited without the PIN', async () => {
    const s = await outletWithStaff(t, { pin: '246810' })
    const before = await staffRow(s.staffId)
    for (const pin of ['123456', '12345', '24681a']) {
      const refused = await t.json('POST', `/api/admin/staff/${s.staffId}/pin`, { pin }, owner.token)
      expect(refused).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
      expect(refused.body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain('pin')
    }
    expect((await staffRow(s.staffId)).pin_hash).toBe(before.pin_hash)
    expect(await sessionAlive(s.token)).toBe(true)

    const reset = await t.json('POST', `/api/admin/staff/${s.staffId}/pin`, { pin: '975310' }, owner.token)
    expect(reset).toMatchObject({ status: 200, body: { id: s.staffId, disabled: false } })
    expect(await sessionAlive(s.token)).toBe(false)
    expect((await login(s.phone, '246810')).status).toBe(401)
    const fresh = await login(s.phone, '975310')
    expect(fresh.status).toBe(200)
    expect(await sessionAlive(fresh.body.token)).toBe(true)
    const [line] = (await auditOf(s.staffId)).slice(-1)
    expect(line).toMatchObject({ action: 'staff.pin_reset', actor: `operator:${owner.operator.id}` })
    expect(line.detail).not.toContain('975310')
  })

  describe('a store manager', () => {
    let own: Awaited<ReturnType<typeof outletWithStaff>>
    let other: Awaited<ReturnType<typeof outletWithStaff>>
    let manager: Awaited<ReturnType<typeof operatorToken>>
    beforeAll(async () => {
      own = await outletWithStaff(t, { outletName: '店长本店' })
      other = await outletWithStaff(t, { outletName: '别人的店' })
      manager = await operatorToken(t, 'store_manager', own.outletId)
    })

    it('sees only the staff and the store they look after', async () => {
      const list = await t.json('GET', '/api/admin/staff', undefined, manager.token)
      expect(list.status).toBe(200)
      expect(list.body.staff.map((s: { outlet: { id: string } }) => s.outlet.id)).toEqual([own.outletId])
      expect((await t.json('GET', `/api/admin/staff?outletId=${own.outletId}`, undefined, manager.token)).status).toBe(
        200,
      )
      expect(
        await t.json('GET', `/api/admin/staff?outletId=${other.outletId}`, undefined, manager.token),
      ).toMatchObject({ status: 403, body: { error: { code: 'OUTLET_FORBIDDEN' } } })
      const outlets = await t.json('GET', '/api/admin/outlets', undefined, manager.token)
      expect(outlets.body.outlets.map((o: { id: string }) => o.id)).toEqual([own.outletId])
      const everyOutlet = await t.json('GET', '/api/admin/outlets', undefined, testAdminToken)
      expect(everyOutlet.body.outlets.length).toBeGreaterThan(1)
    })

    it('changes and creates staff only at their own store; anything else is 403 and writes nothing', async () => {
      const forbidden = { status: 403, body: { error: { code: 'OUTLET_FORBIDDEN' } } }
      expect(
        await t.json('PATCH', `/api/admin/staff/${other.staffId}`, { disabled: true }, manager.token),
      ).toMatchObject(forbidden)
      expect(
        await t.json('POST', `/api/admin/staff/${other.staffId}/pin`, { pin: '802468' }, manager.token),
      ).toMatchObject(forbidden)
      const elsewhere = { name: '越权', phone: '15199990001', outletId: other.outletId, pin: '802468' }
      expect(await t.json('POST', '/api/admin/staff', elsewhere, manager.token)).toMatchObject(forbidden)
      expect(await staffRow(other.staffId)).toMatchObject({ disabled_at: null })
      expect(await sessionAlive(other.token)).toBe(true)
      expect(await t.db.selectFrom('staff').select('id').where('phone', '=', '15199990001').execute()).toEqual([])

      const here = await t.json('POST', '/api/admin/staff', { ...elsewhere, outletId: own.outletId }, manager.token)
      expect(here).toMatchObject({ status: 201, body: { outlet: { id: own.outletId } } })
      const disabled = await t.json('PATCH', `/api/admin/staff/${own.staffId}`, { disabled: true }, manager.token)
      expect(disabled).toMatchObject({ status: 200, body: { disabled: true } })
      expect((await auditOf(here.body.id))[0].actor).toBe(`operator:${manager.operator.id}`)
    })
  })
})
