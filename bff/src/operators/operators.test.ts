import { describe, expect, it } from 'vitest'
import { maxFailures } from '../auth/failed-attempts'
import { operatorSessionHours } from '../auth/operator-principal'
import { operatorToken } from '../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'
import { createOperator } from './manage-operators'

describe('operator accounts, sessions and API keys', () => {
  const t = useTestApp()

  const login = (body: unknown) => t.json('POST', '/api/operator/login', body)

  async function newOperator(role: 'owner' | 'operator' | 'analyst' = 'operator') {
    const owner = await operatorToken(t, 'owner')
    const created = await t.json(
      'POST',
      '/api/admin/operators',
      { login: `ops-${Math.random().toString(36).slice(2, 8)}`, name: '小李', role },
      owner.token,
    )
    expect(created.status).toBe(201)
    return { owner, created: created.body }
  }

  it('creates an operator with a one-time password that must be changed before any admin call', async () => {
    const { created } = await newOperator()
    expect(created.oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/)
    expect(created.operator.mustChangePassword).toBe(true)

    const session = await login({ login: created.operator.login, password: created.oneTimePassword })
    expect(session.status).toBe(200)
    expect(session.body.permissions).toContain('program.edit')
    const blocked = await t.json('GET', '/api/admin/outlets', undefined, session.body.token)
    expect(blocked).toMatchObject({ status: 403, body: { error: { code: 'PASSWORD_CHANGE_REQUIRED' } } })

    const weak = await t.json(
      'POST',
      '/api/operator/password',
      { currentPassword: created.oneTimePassword, newPassword: 'short1' },
      session.body.token,
    )
    expect(weak.status).toBe(400)
    expect(weak.body.error.details.issues[0].path).toBe('newPassword')

    const changed = await t.json(
      'POST',
      '/api/operator/password',
      { currentPassword: created.oneTimePassword, newPassword: 'my-own-password-9' },
      session.body.token,
    )
    expect(changed.status).toBe(200)
    expect(changed.body.operator.mustChangePassword).toBe(false)
    // The password change ended the session it was made from; the answer carries the new one.
    expect((await t.json('GET', '/api/operator/me', undefined, session.body.token)).status).toBe(401)
    expect((await t.json('GET', '/api/admin/outlets', undefined, changed.body.token)).status).toBe(200)
    expect((await login({ login: created.operator.login, password: 'my-own-password-9' })).status).toBe(200)
  })

  it('a password change ends the other sessions of the account, logout ends this one', async () => {
    const { created } = await newOperator()
    const first = await login({ login: created.operator.login, password: created.oneTimePassword })
    const second = await login({ login: created.operator.login, password: created.oneTimePassword })
    const changed = await t.json(
      'POST',
      '/api/operator/password',
      { currentPassword: created.oneTimePassword, newPassword: 'new-password-42' },
      first.body.token,
    )
    expect(changed.status).toBe(200)
    expect((await t.json('GET', '/api/operator/me', undefined, second.body.token)).status).toBe(401)
    const me = await t.json('GET', '/api/operator/me', undefined, changed.body.token)
    expect(me).toMatchObject({ status: 200, body: { operator: { login: created.operator.login } } })

    expect((await t.json('POST', '/api/operator/logout', undefined, changed.body.token)).status).toBe(200)
    expect((await t.json('GET', '/api/operator/me', undefined, changed.body.token)).status).toBe(401)
  })

  it('a wrong current password changes nothing', async () => {
    const { created } = await newOperator()
    const session = await login({ login: created.operator.login, password: created.oneTimePassword })
    const wrong = await t.json(
      'POST',
      '/api/operator/password',
      { currentPassword: 'not-the-password-1', newPassword: 'new-password-42' },
      session.body.token,
    )
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'OPERATOR_PASSWORD_WRONG' } } })
    expect((await t.json('GET', '/api/operator/me', undefined, session.body.token)).status).toBe(200)
  })

  it('sessions expire', async () => {
    const { token } = await operatorToken(t, 'analyst')
    t.clock.advanceMs(operatorSessionHours * 3_600_000 + 1)
    const expired = await t.json('GET', '/api/admin/outlets', undefined, token)
    expect(expired).toMatchObject({ status: 401, body: { error: { code: 'SESSION_EXPIRED' } } })
  })

  it('unknown login, wrong password and disabled account answer alike', async () => {
    const { owner, created } = await newOperator()
    const wrong = await login({ login: created.operator.login, password: 'wrong-password-1' })
    const unknown = await login({ login: 'nobody-here', password: 'wrong-password-1' })
    await t.json('PATCH', `/api/admin/operators/${created.operator.id}`, { disabled: true }, owner.token)
    const disabled = await login({ login: created.operator.login, password: created.oneTimePassword })
    for (const answer of [wrong, unknown, disabled]) {
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'OPERATOR_LOGIN_FAILED' } } })
    }
  })

  it('disabling an operator ends their sessions; the last owner cannot be disabled or demoted', async () => {
    const { owner, created } = await newOperator()
    const session = await login({ login: created.operator.login, password: created.oneTimePassword })
    const disabled = await t.json(
      'PATCH',
      `/api/admin/operators/${created.operator.id}`,
      { disabled: true },
      owner.token,
    )
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } })
    expect((await t.json('GET', '/api/operator/me', undefined, session.body.token)).status).toBe(401)

    await t.db
      .updateTable('operators')
      .set({ disabled_at: '2026-01-01T00:00:00.000Z' })
      .where('role', '=', 'owner')
      .where('id', '<>', owner.operator.id)
      .execute()
    const demote = await t.json('PATCH', `/api/admin/operators/${owner.operator.id}`, { role: 'operator' }, owner.token)
    expect(demote).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } })
    const self = await t.json('PATCH', `/api/admin/operators/${owner.operator.id}`, { disabled: true }, owner.token)
    expect(self.status).toBe(409)
  })

  it('a store manager needs a store, others none; a taken login is 409; neither writes anything', async () => {
    const owner = await operatorToken(t, 'owner')
    const before = await t.db
      .selectFrom('operators')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const noStore = await t.json(
      'POST',
      '/api/admin/operators',
      { login: 'mgr-x', name: '店长', role: 'store_manager' },
      owner.token,
    )
    expect(noStore.status).toBe(400)
    expect(noStore.body.error.details.issues[0].path).toBe('outletId')
    const first = await t.json(
      'POST',
      '/api/admin/operators',
      { login: 'same-login', name: 'A', role: 'analyst' },
      owner.token,
    )
    expect(first.status).toBe(201)
    const again = await t.json(
      'POST',
      '/api/admin/operators',
      { login: 'Same-Login', name: 'B', role: 'analyst' },
      owner.token,
    )
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'OPERATOR_LOGIN_TAKEN' } } })
    const after = await t.db
      .selectFrom('operators')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n) + 1)
  })

  it('every change is in the audit log with the operator who made it', async () => {
    const { owner, created } = await newOperator()
    await t.json('POST', `/api/admin/operators/${created.operator.id}/password-reset`, undefined, owner.token)
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('target_id', '=', created.operator.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { actor: `operator:${owner.operator.id}`, action: 'operator.created' },
      { actor: `operator:${owner.operator.id}`, action: 'operator.password_reset' },
    ])
  })

  it('API keys: scoped, shown once, stored hashed, revocable, last use recorded', async () => {
    const owner = await operatorToken(t, 'owner')
    const created = await t.json(
      'POST',
      '/api/admin/api-keys',
      { name: '订单同步脚本', permissions: ['members.read'] },
      owner.token,
    )
    expect(created.status).toBe(201)
    const { secret, apiKey } = created.body
    expect(secret).toMatch(/^mckey_/)
    const stored = await t.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain(secret)

    const member = await t.joinedMember('13800009001')
    const me = await t.json('GET', '/api/me', undefined, member)
    const allowed = await t.json(
      'GET',
      `/api/admin/members/${me.body.member.id}/ledger?ledger=points`,
      undefined,
      secret,
    )
    expect(allowed.status).toBe(200)
    const refused = await t.json('GET', '/api/admin/outlets', undefined, secret)
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN', details: { permission: 'outlets.read' } } },
    })
    expect((await t.json('GET', '/api/operator/me', undefined, secret)).status).toBe(403)

    const listed = await t.json('GET', '/api/admin/api-keys', undefined, owner.token)
    const view = listed.body.apiKeys.find((k: { id: string }) => k.id === apiKey.id)
    expect(view.lastUsedAt).toBe(t.clock.now().toISOString())
    expect(JSON.stringify(listed.body)).not.toContain(secret)

    expect((await t.json('POST', `/api/admin/api-keys/${apiKey.id}/revoke`, undefined, owner.token)).status).toBe(200)
    const revoked = await t.json(
      'GET',
      `/api/admin/members/${me.body.member.id}/ledger?ledger=points`,
      undefined,
      secret,
    )
    expect(revoked.status).toBe(401)
  })

  it('refuses an API key without permissions, or with one that does not exist', async () => {
    const bad = await t.json('POST', '/api/admin/api-keys', { name: 'x', permissions: [] }, testAdminToken)
    expect(bad.status).toBe(400)
    const unknown = await t.json('POST', '/api/admin/api-keys', { name: 'x', permissions: ['root'] }, testAdminToken)
    expect(unknown.status).toBe(400)
  })
})

describe('operator login throttling', () => {
  const t = useTestApp()

  it('of 100 concurrent guesses at one account at most the limit reach the password check', async () => {
    await createOperator(
      t.db,
      { login: 'target', name: '店主', role: 'owner', outletId: null },
      { actor: 'system', now: t.clock.now() },
      'the-real-password-1',
    )
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.json('POST', '/api/operator/login', { login: 'target', password: `guess-${i}` }),
      ),
    )
    const checked = answers.filter((a) => a.status === 401).length
    expect(checked).toBeLessThanOrEqual(maxFailures)
    expect(answers.filter((a) => a.status === 429).length).toBe(100 - checked)
    const throttled = answers.find((a) => a.status === 429)!
    expect(throttled.body.error).toMatchObject({ code: 'OPERATOR_LOGIN_THROTTLED' })
    expect(throttled.body.error.details.retryAfterSeconds).toBeGreaterThan(0)

    // Even the right password waits out the window; then it works and clears the account's count.
    const right = await t.json('POST', '/api/operator/login', { login: 'target', password: 'the-real-password-1' })
    expect(right.status).toBe(429)
    t.clock.advanceMs(10 * 60_000 + 1)
    const later = await t.json('POST', '/api/operator/login', { login: 'target', password: 'the-real-password-1' })
    expect(later.status).toBe(200)
  })
})
