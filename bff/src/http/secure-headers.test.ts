import { serve } from '@hono/node-server'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { useTestApp } from '../test/test-app'
import { redactedPath } from './log-redact'
import { serveH5 } from './serve-h5'

const h5Dir = mkdtempSync(join(tmpdir(), 'mc-h5-'))
const inline = 'document.documentElement.style.fontSize="20px"'
writeFileSync(
  join(h5Dir, 'index.html'),
  `<!doctype html><html><head><script>${inline}</script><script defer src="/js/app.js"></script></head></html>`,
)
writeFileSync(join(h5Dir, 'app.js'), 'console.log(1)')

const common = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

describe('security headers on every answer', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  afterAll(() => rmSync(h5Dir, { recursive: true, force: true }))

  it('sends nosniff, no framing, no referrer and no-store on API answers, errors and 404s alike', async () => {
    const token = await t.joinedMember('13600000101')
    const answers = [
      await t.app.request('/api/health'),
      await t.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } }),
      await t.app.request('/api/me'),
      await t.app.request('/api/nothing-here'),
      await t.app.request('/webhooks/orders', { method: 'POST', body: '{}' }),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 401])
    for (const response of answers) {
      expect(Object.fromEntries(response.headers)).toMatchObject(common)
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    }
    for (const response of answers.slice(0, 4)) expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it("gives pages a CSP that allows only this origin's scripts and the page's own inline script, by hash", async () => {
    const app = createApp(t.deps)
    serveH5(app, h5Dir)
    // Through a real @hono/node-server, whose own Response class behaves unlike the standard one in app.request.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const page = await fetch(`${base}/`)
    const script = await fetch(`${base}/app.js`)
    server.close()
    expect(page.status).toBe(200)
    expect(Object.fromEntries(page.headers)).toMatchObject(common)
    const policy = page.headers.get('content-security-policy') ?? ''
    const hash = createHash('sha256').update(inline).digest('base64')
    expect(policy).toContain(`script-src 'self' 'unsafe-eval' 'sha256-${hash}';`)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(page.headers.get('cache-control')).toBeNull()
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('keeps the caching an answer chose for itself (the public API reference script)', async () => {
    const response = await t.app.request('/api/docs/assets/scalar-standalone.js')
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('request-log paths', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('never hold a coupon code, a pickup code or a long number', async () => {
    await t.app.request('/api/shop/coupons/CPNSECRET7Q2X9/use', { method: 'POST', body: '{}' })
    await t.app.request('/api/shop/coupons/CPNSECRET7Q2X9')
    const lines = t.logLines.filter((line) => line.includes('"msg":"request"'))
    expect(lines.join('\n')).not.toContain('CPNSECRET7Q2X9')
    expect(lines.join('\n')).toContain('"path":"/api/shop/coupons/:code/use"')
    expect(lines.join('\n')).toContain('"path":"/api/shop/coupons/:code"')
  })

  it.each([
    ['/api/staff/pickups/4821937706', '/api/staff/pickups/:code'],
    ['/api/staff/pickups/verify', '/api/staff/pickups/verify'],
    ['/api/staff/members/by-code/912345678901234567', '/api/staff/members/by-code/:digits'],
    ['/api/me/redemptions/rdm_01J9/payment', '/api/me/redemptions/rdm_01J9/payment'],
  ])('redacts %s as %s', (path, logged) => {
    expect(redactedPath(path)).toBe(logged)
  })
})
