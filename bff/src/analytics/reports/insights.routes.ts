import {
  CsvQuery,
  InsightMembersPage,
  InsightMembersQuery,
  InsightSettings,
  ReportAnswer,
  ReportQuery,
  WeeklyActions,
  type ErrorCode,
  type Permission,
  type ReportKey,
} from '@mc/shared'
import { Hono } from 'hono'
import { scopedOutletId } from '../../auth/outlet-scope'
import { requirePermission } from '../../auth/require-permission'
import type { AppEnv } from '../../deps'
import { validate } from '../../http/validate'
import { documentRoute } from '../../openapi/document-route'
import { readInsightSettings, saveInsightSettings } from '../insight-settings'
import { insightMembers } from './insight-members'
import { insightReport, insightReportCsv } from './insight-report'
import { weeklyActions } from './weekly-actions'

const rangeErrors: ErrorCode[] = ['RANGE_BACKWARDS', 'RANGE_TOO_LONG', 'RANGE_OUTSIDE_DATA']

/**
 * One report's answer and its tables as CSV. The store funnel is read with `outlets.read` and narrowed to a store
 * manager's own store (another store's id is 403); every other report needs `insights.read` and ignores `outletId`.
 */
function reportRoutes(key: ReportKey, permission: Permission) {
  const funnel = key === 'store-funnel'
  const errors: ErrorCode[] = funnel ? [...rangeErrors, 'OUTLET_FORBIDDEN', 'OUTLET_NOT_FOUND'] : rangeErrors
  const scope = (principal: { outletId: string | null }, outletId: string | undefined) =>
    funnel ? scopedOutletId(principal, outletId) : null
  return new Hono<AppEnv>()
    .get(
      '/',
      documentRoute({
        summary: `Insights report ${key}: figures, comparisons and tables over a range of daily snapshots`,
        auth: 'admin',
        permission,
        ok: {
          200: {
            description: 'The report; before the first nightly snapshot, a notice and no tables',
            schema: ReportAnswer,
          },
        },
        errors,
      }),
      requirePermission(permission),
      validate('query', ReportQuery),
      async (c) => {
        const query = c.req.valid('query')
        const outletId = scope(c.var.principal, query.outletId)
        return c.json(await insightReport(c.var.deps.db, key, query, { now: c.var.deps.clock.now(), outletId }), 200)
      },
    )
    .get(
      '/csv',
      documentRoute({
        summary: `One table of insights report ${key} as CSV (UTF-8 with BOM, header row of column labels)`,
        auth: 'admin',
        permission,
        ok: { 200: { description: 'The table as an attachment', contentType: 'text/csv' } },
        errors: [...errors, 'NOT_FOUND'],
      }),
      requirePermission(permission),
      validate('query', CsvQuery),
      async (c) => {
        const query = c.req.valid('query')
        const outletId = scope(c.var.principal, query.outletId)
        const file = await insightReportCsv(c.var.deps.db, key, query, { now: c.var.deps.clock.now(), outletId })
        return c.body(file.csv, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': file.disposition,
          'Cache-Control': 'no-store',
        })
      },
    )
}

/** The insights API: settings, the owner's weekly actions, the member list a merchant acts on, and the reports. */
export const insightsRoutes = new Hono<AppEnv>()
  .get(
    '/insights/settings',
    documentRoute({
      summary: 'The insight settings: point value, target tier shape, RFM window, lifecycle days, tags, CLV years',
      auth: 'admin',
      permission: 'insights.read',
      ok: { 200: { description: 'The settings, defaults filled in', schema: InsightSettings } },
    }),
    requirePermission('insights.read'),
    async (c) => c.json(await readInsightSettings(c.var.deps.db), 200),
  )
  .put(
    '/insights/settings',
    documentRoute({
      summary: 'Replace the insight settings (audited); the next nightly scoring uses them',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 200: { description: 'The settings as saved', schema: InsightSettings } },
    }),
    requirePermission('program.edit'),
    validate('json', InsightSettings),
    async (c) =>
      c.json(
        await saveInsightSettings(c.var.deps.db, c.req.valid('json'), c.var.principal.actor, c.var.deps.clock.now()),
        200,
      ),
  )
  .get(
    '/insights/weekly-actions',
    documentRoute({
      summary: "The owner's weekly actions from the latest snapshots, each with its numbers and where one tap goes",
      auth: 'admin',
      permission: 'dashboard.read',
      ok: {
        200: {
          description: 'Up to five actions; none before the first nightly snapshot, nor for a store manager',
          schema: WeeklyActions,
        },
      },
    }),
    requirePermission('dashboard.read'),
    // The list is program-wide (liability, members of every store); a store manager's home has none of it.
    async (c) =>
      c.json(
        c.var.principal.outletId === null
          ? await weeklyActions(c.var.deps.db)
          : { weekOf: null, asOf: null, actions: [] },
        200,
      ),
  )
  .get(
    '/insights/members',
    documentRoute({
      summary: 'Scored members by RFM group, lifecycle stage, tag and tier, newest first, phones masked',
      auth: 'admin',
      permission: 'members.read',
      ok: { 200: { description: 'One page and the cursor of the next', schema: InsightMembersPage } },
    }),
    requirePermission('members.read'),
    validate('query', InsightMembersQuery),
    async (c) => c.json(await insightMembers(c.var.deps.db, c.req.valid('query')), 200),
  )
  .route('/insights/tier-health', reportRoutes('tier-health', 'insights.read'))
  .route('/insights/points-economy', reportRoutes('points-economy', 'insights.read'))
  .route('/insights/benefit-effect', reportRoutes('benefit-effect', 'insights.read'))
  .route('/insights/store-funnel', reportRoutes('store-funnel', 'outlets.read'))
  .route('/insights/sign-in', reportRoutes('sign-in', 'insights.read'))
  .route('/insights/rfm', reportRoutes('rfm', 'insights.read'))
  .route('/insights/tags', reportRoutes('tags', 'insights.read'))
