import { OutboxIdParam, OutboxMessageView, OutboxPage, OutboxQuery, OutreachStatus } from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { readEngagementSettings } from './engagement-settings'
import { listOutbox, retryOutboxMessage } from './outbox-admin'
import { outreachStatus } from './outreach-status'

/** The console's channel status and the outbox's failed messages, with retry. */
export const outboxAdminRoutes = new Hono<AppEnv>()
  .get(
    '/outreach/status',
    documentRoute({
      summary: 'Per channel: configured, queued, sent, failed, skipped; per WeChat template the members reachable now',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'The channels and the subscription budget', schema: OutreachStatus } },
    }),
    requirePermission('engagement.read'),
    async (c) => {
      const { db, outreach } = c.var.deps
      return c.json(await outreachStatus(db, outreach, await readEngagementSettings(db)), 200)
    },
  )
  .get(
    '/outbox',
    documentRoute({
      summary: 'Outbox messages in one state (failed by default), newest first, by cursor',
      auth: 'admin',
      permission: 'engagement.read',
      ok: { 200: { description: 'One page and the cursor of the next', schema: OutboxPage } },
    }),
    requirePermission('engagement.read'),
    validate('query', OutboxQuery),
    async (c) => c.json(await listOutbox(c.var.deps.db, c.req.valid('query')), 200),
  )
  .post(
    '/outbox/:id/retry',
    documentRoute({
      summary: 'Queue a failed message again (audited); the next drain sends it',
      auth: 'admin',
      permission: 'engagement.edit',
      ok: { 200: { description: 'The message, pending', schema: OutboxMessageView } },
      errors: ['OUTBOX_MESSAGE_NOT_FOUND', 'OUTBOX_NOT_FAILED'],
    }),
    requirePermission('engagement.edit'),
    validate('param', OutboxIdParam),
    async (c) => {
      const { db, clock } = c.var.deps
      const message = await retryOutboxMessage(db, c.req.valid('param').id, c.var.principal.actor, clock.now())
      return c.json(message, 200)
    },
  )
