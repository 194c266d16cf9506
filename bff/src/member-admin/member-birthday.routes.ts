import { AdminBirthdayBody, AdminBirthdayView, AdminMemberParam } from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { setBirthdayByOperator } from '../membership/profile-birthday'
import { documentRoute } from '../openapi/document-route'

/** The console's birthday change: the member sets theirs once, after that an operator changes it, audited. */
export const memberBirthdayRoutes = new Hono<AppEnv>().put(
  '/members/:memberId/birthday',
  documentRoute({
    summary: 'Set or correct a member’s birthday with the reason (members set theirs only once); audited',
    auth: 'admin',
    permission: 'members.adjust',
    ok: { 200: { description: 'The birthday now and before', schema: AdminBirthdayView } },
    errors: ['MEMBER_NOT_FOUND'],
  }),
  requirePermission('members.adjust'),
  validate('param', AdminMemberParam),
  validate('json', AdminBirthdayBody),
  async (c) =>
    c.json(
      await setBirthdayByOperator(c.var.deps.db, {
        memberId: c.req.valid('param').memberId,
        body: c.req.valid('json'),
        actor: c.var.principal.actor,
        now: c.var.deps.clock.now(),
      }),
      200,
    ),
)
