import { errorCodes } from '@mc/shared'
import type { Hono } from 'hono'
import { uniqueSymbol } from 'hono-openapi'
import { findTargetHandler } from 'hono/utils/handler'
import { beforeAll, describe, expect, it } from 'vitest'
import { z, type ZodType } from 'zod'
import { createApp } from '../app'
import { validate } from '../http/validate'
import { useTestApp } from '../test/test-app'
import { documentRoute } from './document-route'
import { openApiDocument, type OpenApiDocument } from './openapi-document'

interface Operation {
  summary?: string
  'x-error-codes'?: string[]
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>
  security?: unknown[]
}

const served = (app: Hono<any, any, any>) =>
  app.routes.filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path.startsWith('/webhooks/')))
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}')
/** Served routes that have no operation with a summary, i.e. no `documentRoute(...)`. */
const undocumentedRoutes = (app: Hono<any, any, any>, doc: OpenApiDocument) =>
  [...new Set(served(app).map((r) => `${r.method} ${openApiPath(r.path)}`))].filter(
    (route) => !doc.paths[route.split(' ')[1]]?.[route.split(' ')[0].toLowerCase()]?.summary,
  )
const operationOf = (doc: OpenApiDocument, method: string, path: string) =>
  doc.paths[openApiPath(path)]?.[method.toLowerCase()] as unknown as Operation | undefined

/** The `validate(target, schema)` middlewares on a route, read from the route table itself. */
function validatorsOf(app: Hono<any, any, any>, method: string, path: string) {
  return app.routes
    .filter((r) => r.method === method && r.path === path)
    .map((r) => (findTargetHandler(r.handler) as { validates?: { target: string; schema: ZodType } }).validates)
    .filter((v) => v !== undefined)
}

const where = { param: 'path', query: 'query', header: 'header' } as Record<string, string>

describe('GET /api/openapi.json', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let doc: OpenApiDocument
  beforeAll(async () => {
    const response = await t.app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    doc = await response.json()
  })

  it('documents every route the app serves, each with a summary, and nothing it does not serve', () => {
    const routes = [...new Set(served(t.app).map((r) => `${r.method} ${openApiPath(r.path)}`))].sort()
    expect(undocumentedRoutes(t.app, doc), 'add documentRoute({ summary, auth, ok, errors }) to these routes').toEqual(
      [],
    )
    const documented = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    expect(documented).toEqual(routes)
  })

  it("carries each route's request schemas: params, query and headers as parameters, a JSON body as the body", () => {
    let checked = 0
    for (const route of served(t.app)) {
      const operation = operationOf(doc, route.method, route.path)!
      for (const { target, schema } of validatorsOf(t.app, route.method, route.path)) {
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
          properties?: Record<string, unknown>
          required?: string[]
        }
        const label = `${route.method} ${route.path} ${target}`
        if (target === 'json') {
          expect(operation.requestBody?.content['application/json']?.schema, label).toBeDefined()
          expect(
            Object.keys(operation.requestBody!.content['application/json'].schema.properties ?? {}),
            label,
          ).toEqual(Object.keys(json.properties ?? {}))
        } else {
          const names = (operation.parameters ?? []).filter((p) => p.in === where[target]).map((p) => p.name)
          expect(names, label).toEqual(Object.keys(json.properties ?? {}))
          for (const required of json.required ?? []) {
            expect(
              operation.parameters!.find((p) => p.in === where[target] && p.name === required)?.required,
              `${label} ${required}`,
            ).toBe(true)
          }
        }
        expect(operation.responses['400']?.description, label).toContain('INVALID_REQUEST')
        checked += 1
      }
    }
    expect(checked).toBeGreaterThan(40)
  })

  it("describes the order event contract, and the adjustment route's path parameter and idempotency header", () => {
    const webhook = operationOf(doc, 'POST', '/webhooks/orders')!
    expect(
      (webhook.requestBody!.content['application/json'].schema.properties!.type as { enum: string[] }).enum,
    ).toEqual(['order.paid', 'order.refunded', 'order.completed'])
    expect(Object.keys(webhook.responses).sort()).toEqual(['200', '202', '400', '401', '404', '409', '413', '503'])
    expect(webhook.responses['401'].description).toMatch(/WEBHOOK_SIGNATURE_INVALID.*WEBHOOK_TIMESTAMP_STALE/)
    expect(webhook.security).toEqual([{ webhookSignature: [], webhookTimestamp: [] }])
    const adjust = operationOf(doc, 'POST', '/api/admin/members/:memberId/adjustments')!
    expect(adjust.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:memberId', 'header:idempotency-key'])
    expect(adjust.security).toEqual([{ admin: [] }])
  })

  it('gives every error response the one error body, narrowed to its codes, under the status of each code', () => {
    expect(doc.components.schemas.ErrorBody).toMatchObject({ type: 'object', required: ['error'] })
    let errors = 0
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods) as unknown as [string, Operation][]) {
        const codes = operation['x-error-codes'] ?? []
        for (const [status, response] of Object.entries(operation.responses).filter(([s]) => Number(s) >= 400)) {
          const schema = response.content?.['application/json']?.schema as {
            allOf: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }]
          }
          const listed = schema.allOf[1].properties.error.properties.code.enum
          expect(
            listed.every((code) => errorCodes.includes(code as never) && codes.includes(code)),
            `${method} ${path} ${status}`,
          ).toBe(true)
          errors += 1
        }
      }
    }
    expect(errors).toBeGreaterThan(50)
  })

  it('describes response bodies with the shared schemas where there are some', () => {
    const health = operationOf(doc, 'GET', '/api/health')!
    expect(health.responses['200'].content!['application/json'].schema).toMatchObject({
      properties: { status: { const: 'ok' } },
    })
    const webhook = operationOf(doc, 'POST', '/webhooks/orders')!
    for (const status of ['200', '202']) {
      expect(webhook.responses[status].content!['application/json'].schema).toMatchObject({
        properties: { status: { enum: ['applied', 'parked', 'duplicate_refund'] } },
      })
    }
    const login = operationOf(doc, 'POST', '/api/auth/local')!
    expect(login.responses['200'].content!['application/json'].schema).toMatchObject({
      // Null for a visitor: logged in, not joined, not a member yet.
      properties: { member: { anyOf: [{ $ref: '#/components/schemas/MemberProfile' }, { type: 'null' }] } },
    })
    expect(doc.components.schemas.MemberProfile).toMatchObject({
      required: ['id', 'nickname', 'phoneMasked', 'joinedAt', 'sourceOutlet'],
    })
    // A named shape that is a whole answer is a component too, referred to by every route that answers it.
    for (const [method, path] of [
      ['GET', '/api/admin/program/drafts/:draftId'],
      ['PATCH', '/api/admin/program/drafts/:draftId'],
    ]) {
      expect(operationOf(doc, method, path)!.responses['200'].content!['application/json'].schema).toEqual({
        $ref: '#/components/schemas/DraftView',
      })
    }
    expect(doc.components.schemas.DraftView).toMatchObject({ properties: { rules: { type: 'object' } } })
  })

  it('gives every successful answer of every route a JSON schema, which tests hold each answer to', () => {
    const withoutSchema = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        Object.entries((operation as unknown as Operation).responses)
          .filter(([status, response]) => status.startsWith('2') && !response.content?.['application/json'])
          .map(([status, response]) =>
            [`${method.toUpperCase()} ${path} ${status}`, ...Object.keys(response.content ?? {})].join(' '),
          ),
      ),
    )
    // Only the reference page, its script, store QR images and the insights CSV exports answer something else
    // than JSON, documented by their content type.
    expect(withoutSchema).toEqual([
      'GET /api/admin/outlets/{outletId}/qr.png 200 image/png',
      'GET /api/admin/insights/tier-health/csv 200 text/csv',
      'GET /api/admin/insights/points-economy/csv 200 text/csv',
      'GET /api/admin/insights/benefit-effect/csv 200 text/csv',
      'GET /api/admin/insights/store-funnel/csv 200 text/csv',
      'GET /api/admin/insights/sign-in/csv 200 text/csv',
      'GET /api/admin/insights/rfm/csv 200 text/csv',
      'GET /api/admin/insights/tags/csv 200 text/csv',
      'GET /api/docs 200 text/html',
      'GET /api/docs/assets/scalar-standalone.js 200 text/javascript',
    ])
  })

  it('catches a route served without a description, validated or not', async () => {
    const app = createApp(t.deps)
    app.get('/api/test-undocumented', (c) => c.json({}, 200))
    app.get('/api/test-validated-only', validate('query', z.object({ q: z.string() })), (c) => c.json({}, 200))
    app.get('/api/test-documented', documentRoute({ summary: 'x', auth: 'none', ok: { 200: 'x' } }), (c) =>
      c.json({}, 200),
    )
    const fresh = await openApiDocument(app, 'test')
    expect(undocumentedRoutes(app, fresh)).toEqual(['GET /api/test-undocumented', 'GET /api/test-validated-only'])
  })
})

describe('documented answers are checked in tests', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('turns a successful answer its documented schema refuses into a 500 naming the route and field', async () => {
    const app = createApp(t.deps)
    const Answer = z.strictObject({ count: z.number().int() })
    const described = documentRoute({
      summary: 'drifting',
      auth: 'none',
      ok: { 200: { description: 'x', schema: Answer } },
    })
    app.get('/api/test-matching', described, (c) => c.json({ count: 1 }, 200))
    app.get('/api/test-renamed-field', described, (c) => c.json({ total: 1 }, 200))
    app.get('/api/test-wrong-type', described, (c) => c.json({ count: '1' }, 200))

    expect((await app.request('/api/test-matching')).status).toBe(200)
    for (const path of ['/api/test-renamed-field', '/api/test-wrong-type']) {
      const answer = await app.request(path)
      expect(answer.status).toBe(500)
      const body = (await answer.json()) as { error: { code: string; details: { route: string; issues: unknown[] } } }
      expect(body.error.code).toBe('INTERNAL')
      expect(body.error.details.route).toBe('drifting')
      expect(body.error.details.issues.length).toBeGreaterThan(0)
    }
  })

  it('leaves answers alone where the deps do not ask for the check (production)', async () => {
    const app = createApp({ ...t.deps, checkResponses: false })
    const Answer = z.strictObject({ count: z.number().int() })
    app.get(
      '/api/test-unchecked',
      documentRoute({ summary: 'x', auth: 'none', ok: { 200: { description: 'x', schema: Answer } } }),
      (c) => c.json({ total: 1 }, 200),
    )
    expect((await app.request('/api/test-unchecked')).status).toBe(200)
  })
})

describe('GET /api/docs', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('serves the reference page and its script from this server, referring to no other host', async () => {
    const page = await t.app.request('/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    const references = [...html.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1])
    expect(references).toEqual(['/api/docs/assets/scalar-standalone.js'])
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\//i)
    expect(html).toContain('"url": "/api/openapi.json"')
    const script = await t.app.request(references[0])
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('javascript')
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
  })
})

describe('uniqueSymbol', () => {
  it('is where validate() records its schema for hono-openapi', () => {
    const middleware = validate('json', z.object({ a: z.string() }))
    expect((middleware as unknown as Record<symbol, { target: string }>)[uniqueSymbol].target).toBe('json')
  })
})
