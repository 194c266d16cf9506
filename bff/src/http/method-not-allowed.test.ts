import { describe, expect, it } from 'vitest'
import { createTestApp, useTestApp } from '../test/test-app'

describe('a wrong method', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it.each([
    ['DELETE', '/api/health', 'GET, HEAD'],
    ['PUT', '/api/auth/local', 'POST'],
    ['GET', '/webhooks/orders', 'POST'],
    ['PATCH', '/api/me/redemptions/rdm_1/cancel', 'POST'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const response = await t.app.request(path, { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: '请求方式不被支持' } })
  })

  it('leaves a path no method serves a 404', async () => {
    const response = await t.app.request('/api/nothing-here', { method: 'POST' })
    expect(response.status).toBe(404)
    expect(response.headers.get('allow')).toBeNull()
  })
})

describe("the local cashier's pay route", () => {
  it('exists with the local provider and not at all without it', async () => {
    const local = await createTestApp()
    const none = await createTestApp({ payments: null })
    try {
      const path = '/api/me/redemptions/rdm_missing/local-pay'
      expect((await local.app.request(path, { method: 'POST' })).status).toBe(401)
      const absent = await none.app.request(path, { method: 'POST' })
      expect(absent.status).toBe(404)
      expect((await absent.json()).error.code).toBe('ROUTE_NOT_FOUND')
      const documented = async (app: typeof local) =>
        Object.keys((await (await app.app.request('/api/openapi.json')).json()).paths)
      expect(await documented(local)).toContain('/api/me/redemptions/{redemptionId}/local-pay')
      expect(await documented(none)).not.toContain('/api/me/redemptions/{redemptionId}/local-pay')
    } finally {
      await local.close()
      await none.close()
    }
  })
})
