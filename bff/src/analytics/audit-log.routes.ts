import { AuditLogPage, AuditLogQuery } from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { auditLogPage } from './audit-log'

/** Who changed what: the audit log, filtered by actor, action and days. */
export const auditLogRoutes = new Hono<AppEnv>().get(
  '/audit-log',
  documentRoute({
    summary: 'The audit log, newest first, by actor, action and business days; actors named',
    auth: 'admin',
    permission: 'audit.read',
    ok: { 200: { description: 'A page of the audit log, newest first', schema: AuditLogPage } },
  }),
  requirePermission('audit.read'),
  validate('query', AuditLogQuery),
  async (c) => c.json(await auditLogPage(c.var.deps.db, c.req.valid('query')), 200),
)
