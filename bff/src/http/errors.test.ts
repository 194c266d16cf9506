import { errorCodes } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { useTestApp } from '../test/test-app'
import { statusOf } from './errors'

describe('the JSON error model', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('gives every shared error code a status', () => {
    expect(Object.keys(statusOf).sort()).toEqual([...errorCodes].sort())
  })

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await t.app.request('/api/nothing-here')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } })
  })

  it('hides an unexpected failure behind INTERNAL, without a stack trace, and logs it', async () => {
    const app = createApp(t.deps)
    app.get('/api/test-explodes', () => {
      throw new Error('database password is hunter2')
    })
    const response = await app.request('/api/test-explodes')
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } })
    expect(text).not.toContain('hunter2')
    expect(t.logLines.join('\n')).toContain('hunter2')
  })

  it('refuses a body over 64 KB with 413', async () => {
    const response = await t.app.request('/api/auth/local', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: 'x'.repeat(70_000) }),
    })
    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
  })
})

/**
 * Walks the route table so a route added later is covered without anyone remembering to: every POST gets
 * malformed and wrongly shaped bodies, and must answer a 4xx JSON error with a stable code, never a crash.
 */
describe('bad input to every endpoint', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let token: string
  beforeAll(async () => {
    token = await t.joinedMember('13600000001')
  })

  // Logout, the share callback and 全部已读 read no body at all, so any body is as good as none there.
  const bodyless = new Set(['/api/auth/logout', '/api/me/tasks/share', '/api/me/inbox/read-all'])
  const badBodies = ['{not json', '[]', '"text"', 'null', '{"phone":{"$gt":""},"code":[1],"outletId":42}']

  it('answers each with a 4xx JSON error', async () => {
    const posts = t.app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/') && !bodyless.has(r.path))
    expect(posts.length).toBeGreaterThanOrEqual(4)
    for (const route of posts) {
      for (const body of badBodies) {
        for (const authorization of [undefined, `Bearer ${token}`]) {
          const response = await t.app.request(route.path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
            body,
          })
          const label = `${route.path} ${body} ${authorization ? 'auth' : 'anon'}`
          expect(response.status, label).toBeGreaterThanOrEqual(400)
          expect(response.status, label).toBeLessThan(500)
          const json = await response.json()
          expect(json.error.code, label).toMatch(/^[A-Z_]+$/)
          expect(typeof json.error.message, label).toBe('string')
        }
      }
    }
  })
})
