import {
  ChangePasswordBody,
  LoggedOutSchema,
  OperatorLoginBody,
  OperatorMeResponse,
  OperatorSessionResponse,
  rolePermissions,
} from '@mc/shared'
import { Hono } from 'hono'
import { requireOperator } from '../auth/require-permission'
import { bearerToken } from '../auth/require-member'
import { tokenHash } from '../auth/bearer-tokens'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { changePassword } from './change-password'
import { clientAddress } from '../auth/client-address'
import { rateLimit } from '../auth/rate-limit'
import { loginOperator } from './login-operator'
import { findOperator, operatorView } from './operator-view'

/** An operator's own account: sign in, who am I, sign out, change the password. */
export const operatorRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    documentRoute({
      summary: 'Operator login with login name and password; throttled per account and per client',
      auth: 'none',
      ok: { 200: { description: 'A session, the operator and what they may do', schema: OperatorSessionResponse } },
      errors: ['OPERATOR_LOGIN_FAILED', 'OPERATOR_LOGIN_THROTTLED', 'RATE_LIMITED'],
    }),
    validate('json', OperatorLoginBody),
    async (c) => {
      const body = c.req.valid('json')
      await rateLimit(c, 'operatorLogin', body.login)
      return c.json(await loginOperator(c.var.deps, body, clientAddress(c)), 200)
    },
  )
  .get(
    '/me',
    documentRoute({
      summary: 'The signed-in operator and their permissions',
      auth: 'operator',
      ok: { 200: { description: 'The operator', schema: OperatorMeResponse } },
      errors: ['FORBIDDEN'],
    }),
    requireOperator,
    async (c) => {
      const operator = await findOperator(c.var.deps.db, c.var.principal.id)
      return c.json({ operator: operatorView(operator), permissions: [...rolePermissions[operator.role]] }, 200)
    },
  )
  .post(
    '/logout',
    documentRoute({
      summary: 'Ends this operator session',
      auth: 'operator',
      ok: { 200: { description: 'Signed out', schema: LoggedOutSchema } },
      errors: ['FORBIDDEN'],
    }),
    requireOperator,
    async (c) => {
      const { db, clock } = c.var.deps
      await db
        .updateTable('operator_sessions')
        .set({ revoked_at: clock.now().toISOString() })
        .where('token_hash', '=', tokenHash(bearerToken(c.req.header('authorization'))))
        .where('revoked_at', 'is', null)
        .execute()
      return c.json({ loggedOut: true as const }, 200)
    },
  )
  .post(
    '/password',
    documentRoute({
      summary: "Changes the operator's password; every other session of the account ends",
      auth: 'operator',
      ok: { 200: { description: 'A fresh session for this device', schema: OperatorSessionResponse } },
      errors: ['FORBIDDEN', 'OPERATOR_PASSWORD_WRONG'],
    }),
    requireOperator,
    validate('json', ChangePasswordBody),
    async (c) => c.json(await changePassword(c.var.deps, c.var.principal.id, c.req.valid('json')), 200),
  )
