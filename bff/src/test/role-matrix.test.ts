import { permissions, roleCan, roles, type OperatorRole, type Permission } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { storeApiKey } from '../auth/api-keys'
import type { OpenApiDocument } from '../openapi/openapi-document'
import { operatorToken } from './operator-fixtures'
import { useTestApp } from './test-app'

interface AdminRoute {
  method: string
  path: string
  permission: Permission
}

/**
 * Every admin route × every role, generated from the served route table (the OpenAPI document built from the
 * routes' own `documentRoute`s): a role that holds the route's declared permission gets past the permission check,
 * one that does not is 403 FORBIDDEN naming the permission. An API key holding only that one permission gets past
 * it too. Calls carry ids nobody has and empty bodies, so allowed calls end at validation or 404 and write nothing.
 */
describe('role matrix: every admin route as every role', () => {
  const t = useTestApp()
  const tokens = {} as Record<OperatorRole, string>
  let routes: AdminRoute[] = []

  beforeAll(async () => {
    const outlet = await t.db.selectFrom('outlets').select('id').executeTakeFirst()
    const outletId =
      outlet?.id ??
      (await t.json('POST', '/api/admin/outlets', { name: '矩阵测试店' }, (await operatorToken(t, 'owner')).token)).body
        .id
    for (const role of roles) {
      tokens[role] = (await operatorToken(t, role, role === 'store_manager' ? outletId : null)).token
    }
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(() => path.startsWith('/api/admin/'))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{(\w+)\}/g, 'zz_none_$1'),
          permission: (operation as { 'x-permission'?: Permission })['x-permission'] as Permission,
        })),
    )
  })

  const send = (route: AdminRoute, token: string) =>
    t.app.request(route.path, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: route.method === 'GET' ? undefined : '{}',
    })

  it('every admin route declares one permission of the matrix', () => {
    expect(routes.length).toBeGreaterThan(20)
    const undeclared = routes.filter((r) => !permissions.includes(r.permission))
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([])
  })

  it.each(roles)('as %s: allowed exactly where the matrix says, 403 naming the permission elsewhere', async (role) => {
    const wrong: string[] = []
    for (const route of routes) {
      const response = await send(route, tokens[role])
      const body = (await response.json()) as { error?: { code: string; details?: { permission?: string } } }
      const refused = response.status === 403 && body.error?.code === 'FORBIDDEN'
      const expected = roleCan(role, route.permission)
      if (expected === refused) wrong.push(`${route.method} ${route.path}: ${response.status} ${body.error?.code}`)
      if (refused && body.error?.details?.permission !== route.permission) {
        wrong.push(`${route.method} ${route.path}: refused naming ${body.error?.details?.permission}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('an API key with only the declared permission passes the check, one without it is 403', async () => {
    const wrong: string[] = []
    const keys = new Map<Permission, string>()
    for (const permission of permissions) {
      const { secret } = await storeApiKey(t.db, {
        name: permission,
        permissions: [permission],
        createdBy: null,
        now: t.clock.now(),
      })
      keys.set(permission, secret)
    }
    for (const route of routes) {
      const own = await send(route, keys.get(route.permission)!)
      if (own.status === 403) wrong.push(`${route.method} ${route.path} refused its own permission`)
      const other = permissions.find((p) => p !== route.permission)!
      const foreign = await send(route, keys.get(other)!)
      if (foreign.status !== 403) wrong.push(`${route.method} ${route.path} allowed ${other}: ${foreign.status}`)
    }
    expect(wrong).toEqual([])
  })

  it('a member token and a missing token never reach an admin route', async () => {
    const member = await t.joinedMember('13800007001')
    for (const route of routes) {
      expect((await send(route, member)).status, `${route.method} ${route.path}`).toBe(403)
      const anonymous = await t.app.request(route.path, { method: route.method })
      expect(anonymous.status, `${route.method} ${route.path}`).toBe(401)
    }
  })
})
