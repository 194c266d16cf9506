import {
  ApiKeyList,
  ApiKeyView,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
  CreatedOperatorResponse,
  CreateOperatorBody,
  OperatorList,
  OperatorView,
  UpdateOperatorBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { issueApiKey, listApiKeys, revokeApiKey } from './manage-api-keys'
import { createOperator, listOperators, resetOperatorPassword, updateOperator } from './manage-operators'

const OperatorParam = z.object({ operatorId: z.string().min(1).max(64) })
const KeyParam = z.object({ keyId: z.string().min(1).max(64) })

/** The owner's page: the team's accounts and the scripts' API keys. */
export const operatorsAdminRoutes = new Hono<AppEnv>()
  .get(
    '/operators',
    documentRoute({
      summary: "The merchant's operator accounts",
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 200: { description: 'Every account, oldest first', schema: OperatorList } },
    }),
    requirePermission('operators.manage'),
    async (c) => c.json({ operators: await listOperators(c.var.deps.db) }, 200),
  )
  .post(
    '/operators',
    documentRoute({
      summary: 'Creates an operator with a one-time password (shown once); audited',
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 201: { description: 'The account and its one-time password', schema: CreatedOperatorResponse } },
      errors: ['OPERATOR_LOGIN_TAKEN', 'OUTLET_NOT_FOUND'],
    }),
    requirePermission('operators.manage'),
    validate('json', CreateOperatorBody),
    async (c) => {
      const context = { actor: c.var.principal.actor, now: c.var.deps.clock.now() }
      return c.json(await createOperator(c.var.deps.db, c.req.valid('json'), context), 201)
    },
  )
  .patch(
    '/operators/:operatorId',
    documentRoute({
      summary: 'Renames, changes the role or store, disables or re-enables an operator; audited',
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 200: { description: 'The account as it is now', schema: OperatorView } },
      errors: ['OPERATOR_NOT_FOUND', 'OUTLET_NOT_FOUND', 'LAST_OWNER'],
    }),
    requirePermission('operators.manage'),
    validate('param', OperatorParam),
    validate('json', UpdateOperatorBody),
    async (c) => {
      const context = { actor: c.var.principal.actor, now: c.var.deps.clock.now() }
      const { operatorId } = c.req.valid('param')
      return c.json(await updateOperator(c.var.deps.db, operatorId, c.req.valid('json'), context), 200)
    },
  )
  .post(
    '/operators/:operatorId/password-reset',
    documentRoute({
      summary: "Issues a new one-time password (shown once) and ends the account's sessions; audited",
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 200: { description: 'The account and its new one-time password', schema: CreatedOperatorResponse } },
      errors: ['OPERATOR_NOT_FOUND'],
    }),
    requirePermission('operators.manage'),
    validate('param', OperatorParam),
    async (c) => {
      const context = { actor: c.var.principal.actor, now: c.var.deps.clock.now() }
      return c.json(await resetOperatorPassword(c.var.deps.db, c.req.valid('param').operatorId, context), 200)
    },
  )
  .get(
    '/api-keys',
    documentRoute({
      summary: 'API keys for scripts, revoked ones included',
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 200: { description: 'Every key, newest first, without secrets', schema: ApiKeyList } },
    }),
    requirePermission('operators.manage'),
    async (c) => c.json({ apiKeys: await listApiKeys(c.var.deps.db) }, 200),
  )
  .post(
    '/api-keys',
    documentRoute({
      summary: 'Issues an API key scoped to permissions; the secret is in this answer only; audited',
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 201: { description: 'The key and its secret', schema: CreatedApiKeyResponse } },
    }),
    requirePermission('operators.manage'),
    validate('json', CreateApiKeyBody),
    async (c) => {
      const context = { actor: c.var.principal.actor, now: c.var.deps.clock.now() }
      return c.json(await issueApiKey(c.var.deps.db, c.req.valid('json'), context), 201)
    },
  )
  .post(
    '/api-keys/:keyId/revoke',
    documentRoute({
      summary: 'Revokes an API key at once; audited',
      auth: 'admin',
      permission: 'operators.manage',
      ok: { 200: { description: 'The key, revoked', schema: ApiKeyView } },
      errors: ['API_KEY_NOT_FOUND'],
    }),
    requirePermission('operators.manage'),
    validate('param', KeyParam),
    async (c) => {
      const context = { actor: c.var.principal.actor, now: c.var.deps.clock.now() }
      return c.json(await revokeApiKey(c.var.deps.db, c.req.valid('param').keyId, context), 200)
    },
  )
