import { beforeAll, describe, expect, it } from 'vitest'
import type { OpenApiDocument } from '../openapi/openapi-document'
import { testAdminToken, useTestApp } from './test-app'

interface Parameter {
  in: string
  name: string
  required?: boolean
  schema?: { enum?: string[]; pattern?: string }
}

/** Every GET operation of the document with a query parameter of this name: generated, so a new list is covered. */
function operationsWith(doc: OpenApiDocument, name: string) {
  return Object.entries(doc.paths).flatMap(([path, methods]) => {
    const get = (methods as Record<string, { parameters?: Parameter[] }>).get
    const parameters = get?.parameters ?? []
    return parameters.some((p) => p.in === 'query' && p.name === name) ? [{ path, parameters }] : []
  })
}

/** A request to the operation with its required query filled in (an enum's first value) and `extra` added. */
function urlOf(operation: { path: string; parameters: Parameter[] }, extra: Record<string, string>) {
  const path = operation.path.replace(/\{\w+\}/g, 'mbr_00000000000000000000000000')
  const query = new URLSearchParams()
  for (const p of operation.parameters)
    if (p.in === 'query' && p.required && p.schema?.enum) query.set(p.name, p.schema.enum[0])
  for (const [name, value] of Object.entries(extra)) query.set(name, value)
  return `${path}?${query}`
}

describe('list queries: decimal limits, cursors shaped like ids, bounded months', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let doc: OpenApiDocument
  let memberToken = ''
  const get = (url: string) => {
    const token = url.startsWith('/api/admin/') ? testAdminToken : memberToken
    return t.json('GET', url, undefined, token)
  }
  beforeAll(async () => {
    doc = (await t.json('GET', '/api/openapi.json')).body
    memberToken = await t.joinedMember('13600000001')
  })

  it('refuses limit=0x10 (and 1e1, +16, 16.0) on every list and takes limit=16', async () => {
    const lists = operationsWith(doc, 'limit')
    expect(lists.map((o) => o.path)).toEqual(
      expect.arrayContaining([
        '/api/me/redemptions',
        '/api/me/inbox',
        '/api/me/coupons',
        '/api/me/points',
        '/api/admin/members',
        '/api/admin/audit-log',
        '/api/admin/campaigns',
        '/api/admin/outbox',
        '/api/admin/mall/redemptions',
      ]),
    )
    for (const list of lists) {
      for (const limit of ['0x10', '1e1', '+16', '16.0']) {
        const refused = await get(urlOf(list, { limit }))
        expect(refused, `${list.path}?limit=${limit}`).toMatchObject({
          status: 400,
          body: { error: { code: 'INVALID_REQUEST' } },
        })
      }
      const taken = await get(urlOf(list, { limit: '16' }))
      expect([200, 404], `${list.path}?limit=16: ${JSON.stringify(taken.body)}`).toContain(taken.status)
    }
  })

  it('refuses a cursor that is not an id of the list, and documents each cursor with its pattern', async () => {
    const lists = operationsWith(doc, 'cursor')
    expect(lists.length).toBeGreaterThanOrEqual(8)
    for (const list of lists) {
      const cursor = list.parameters.find((p) => p.in === 'query' && p.name === 'cursor')
      expect(cursor?.schema?.pattern, list.path).toMatch(/^\^/)
      for (const bad of ["rdm_' OR 1=1 --", 'x'.repeat(30), 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz']) {
        const refused = await get(urlOf(list, { cursor: bad }))
        expect(refused, `${list.path}?cursor=${bad}`).toMatchObject({ status: 400 })
      }
    }
    const redemptions = await get('/api/me/redemptions?cursor=rdm_00000000000000000000000000')
    expect(redemptions).toMatchObject({ status: 200, body: { redemptions: [], nextCursor: null } })
  })

  it('shows sign-in months of 2000–2099 and refuses years such as 0000 and 9999', async () => {
    for (const month of ['0000-01', '9999-12', '1999-12', '2100-01', '20261-1'])
      expect(await get(`/api/sign-in/calendar?month=${month}`), month).toMatchObject({ status: 400 })
    for (const month of ['2000-01', '2026-11', '2099-12'])
      expect(await get(`/api/sign-in/calendar?month=${month}`), month).toMatchObject({ status: 200 })
  })

  it('reads a program version in the path as decimal digits only', async () => {
    expect(await get('/api/admin/program/versions/1')).toMatchObject({ status: 200 })
    for (const version of ['0x1', '1e0', '+1', '1.0'])
      expect(await get(`/api/admin/program/versions/${version}`), version).toMatchObject({ status: 400 })
  })
})
