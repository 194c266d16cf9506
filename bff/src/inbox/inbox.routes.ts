import {
  InboxPageSchema,
  InboxQuery,
  InboxReadAllSchema,
  NotificationIdParam,
  NotificationReadSchema,
  type NotificationRead,
} from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { inboxPage, markAllRead, markRead } from './inbox'
import { documentRoute } from '../openapi/document-route'

/** The member's own inbox; the member id comes only from the session. */
export const inboxRoutes = new Hono<AppEnv>()
  .get(
    '/me/inbox',
    documentRoute({
      summary: 'Inbox, newest first, by cursor, with the unread count',
      auth: 'member',
      ok: { 200: { description: 'One page of notifications and the unread count', schema: InboxPageSchema } },
    }),
    requireMember,
    validate('query', InboxQuery),
    async (c) => c.json(await inboxPage(c.var.deps.db, c.var.memberId, c.req.valid('query')), 200),
  )
  .post(
    '/me/inbox/read-all',
    documentRoute({
      summary: "Mark all of the member's unread notifications read (idempotent)",
      auth: 'member',
      ok: { 200: { description: 'How many were marked read; none are unread after it', schema: InboxReadAllSchema } },
    }),
    requireMember,
    async (c) => c.json(await markAllRead(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()), 200),
  )
  .post(
    '/me/inbox/:id/read',
    documentRoute({
      summary: "Mark one of the member's notifications read",
      auth: 'member',
      ok: { 200: { description: 'The notification, read', schema: NotificationReadSchema } },
      errors: ['NOTIFICATION_NOT_FOUND'],
    }),
    requireMember,
    validate('param', NotificationIdParam),
    async (c) =>
      c.json(
        {
          notification: await markRead(c.var.deps.db, c.var.memberId, c.req.valid('param').id, c.var.deps.clock.now()),
        } satisfies NotificationRead,
        200,
      ),
  )
