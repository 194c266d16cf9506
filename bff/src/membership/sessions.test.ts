import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'

describe('session tokens', () => {
  const t = useTestApp({ sessionTtlHours: 24 }, { verifyLedgers: false })

  it('are 256 random bits, unique, and stored only as a hash', async () => {
    const a = await t.json('POST', '/api/auth/local', { phone: '13700000001' })
    const b = await t.json('POST', '/api/auth/local', { phone: '13700000001' })
    expect(a.body.token).toMatch(/^mcs_[A-Za-z0-9_-]{43}$/)
    expect(a.body.token).not.toBe(b.body.token)
    const stored = await t.db.selectFrom('sessions').select('token_hash').execute()
    expect(stored.map((s) => s.token_hash)).not.toContain(a.body.token)
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true)
  })

  it.each([
    ['no header', undefined],
    ['a malformed header', 'Token abc'],
    ['an altered token', 'ALTER'],
    ['an unknown token', 'Bearer mcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, header) => {
    const token = await t.joinedMember('13700000002')
    const authorization = header === 'ALTER' ? `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` : header
    const response = await t.app.request('/api/me', { headers: authorization ? { authorization } : {} })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  it('expire after their lifetime with 401 SESSION_EXPIRED', async () => {
    const token = await t.joinedMember('13700000003')
    t.clock.advanceMs(24 * 3_600_000 - 1000)
    expect((await t.json('GET', '/api/me', undefined, token)).status).toBe(200)
    t.clock.advanceMs(1000)
    const expired = await t.json('GET', '/api/me', undefined, token)
    expect(expired).toMatchObject({ status: 401, body: { error: { code: 'SESSION_EXPIRED' } } })
  })

  it('stop working after logout, and only that session ends', async () => {
    const first = await t.json('POST', '/api/auth/local', { phone: '13700000004' })
    await t.json('POST', '/api/members/join', {}, first.body.token)
    const second = await t.json('POST', '/api/auth/local', { phone: '13700000004' })
    const logout = await t.json('POST', '/api/auth/logout', undefined, first.body.token)
    expect(logout).toMatchObject({ status: 200, body: { loggedOut: true } })
    expect((await t.json('GET', '/api/me', undefined, first.body.token)).status).toBe(401)
    expect((await t.json('GET', '/api/me', undefined, second.body.token)).status).toBe(200)
  })
})
