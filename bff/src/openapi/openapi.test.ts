import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/test-app'

describe('GET /api/openapi.json', () => {
  let t: TestApp
  beforeAll(async () => { t = await createTestApp() })
  afterAll(async () => { await t.close() })

  it('describes exactly the routes the app serves, so the document cannot drift from the code', async () => {
    const doc = (await t.json('GET', '/api/openapi.json')).body
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)).sort()
    const served = [...new Set(t.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path.startsWith('/webhooks/')))
      .map((r) => `${r.method} ${r.path}`))].sort()
    expect(documented).toEqual(served)
  })

  it('carries the request schemas, e.g. the order event contract', async () => {
    const doc = (await t.json('GET', '/api/openapi.json')).body
    const webhook = doc.paths['/webhooks/orders'].post
    expect(webhook.requestBody.content['application/json'].schema.properties.type.enum).toEqual(['order.paid', 'order.refunded', 'order.completed'])
    const adjust = doc.paths['/api/admin/members/{memberId}/adjustments'].post
    expect(adjust.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:memberId', 'header:idempotency-key'])
  })
})
