import { DashboardToday } from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { documentRoute } from '../openapi/document-route'
import { dashboardToday } from './dashboard-today'

/** The console's home page figures. */
export const dashboardRoutes = new Hono<AppEnv>().get(
  '/dashboard/today',
  documentRoute({
    summary: "Today's joins, sign-ins, orders, points and what needs attention, in the merchant's business day",
    auth: 'admin',
    permission: 'dashboard.read',
    ok: { 200: { description: "The business day's figures so far", schema: DashboardToday } },
  }),
  requirePermission('dashboard.read'),
  async (c) =>
    c.json(await dashboardToday(c.var.deps.db, c.var.deps.clock.now(), { outletId: c.var.principal.outletId }), 200),
)
