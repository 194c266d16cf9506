import {
  TillApprovalsQuery,
  TillApprovalsResponse,
  TillPurchaseParam,
  TillPurchaseView,
  TillRefusalBody,
  TillSettings,
  TillSettingsBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { scopedOutletId } from '../auth/outlet-scope'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { approveTillPurchase, listTillApprovals, refuseTillPurchase } from './till-approvals'
import { readTillSettings, saveTillSettings } from './till-settings'

/**
 * Merchant console: till purchases held above the limits, and the limits themselves. Deciding is `staff.edit`,
 * which store managers hold for their own store (403 OUTLET_FORBIDDEN for another's); the limits are the
 * program's, so changing them is `program.edit`.
 */
export const tillAdminRoutes = new Hono<AppEnv>()
  .get(
    '/till-approvals',
    documentRoute({
      summary: 'Till purchases held above the limits (or decided ones), with the limits; a store manager sees theirs',
      auth: 'admin',
      permission: 'staff.read',
      ok: { 200: { description: 'Pending oldest first, decided newest first', schema: TillApprovalsResponse } },
      errors: ['OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.read'),
    validate('query', TillApprovalsQuery),
    async (c) => {
      const query = c.req.valid('query')
      const outletId = scopedOutletId(c.var.principal, query.outletId)
      const [purchases, settings] = [
        await listTillApprovals(c.var.deps.db, query, outletId),
        await readTillSettings(c.var.deps.db),
      ]
      return c.json({ purchases, settings }, 200)
    },
  )
  .post(
    '/till-approvals/:purchaseId/approval',
    documentRoute({
      summary: 'Approve a held till purchase: posted through the earning pipeline once; audited',
      auth: 'admin',
      permission: 'staff.edit',
      ok: { 200: { description: 'The purchase, approved, with what it earned', schema: TillPurchaseView } },
      errors: ['PURCHASE_NOT_FOUND', 'PURCHASE_NOT_PENDING', 'OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.edit'),
    validate('param', TillPurchaseParam),
    async (c) => c.json(await approveTillPurchase(c.var.deps, c.var.principal, c.req.valid('param').purchaseId), 200),
  )
  .post(
    '/till-approvals/:purchaseId/refusal',
    documentRoute({
      summary: 'Refuse a held till purchase with a reason: nothing is posted for it; audited',
      auth: 'admin',
      permission: 'staff.edit',
      ok: { 200: { description: 'The purchase, refused', schema: TillPurchaseView } },
      errors: ['PURCHASE_NOT_FOUND', 'PURCHASE_NOT_PENDING', 'OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.edit'),
    validate('param', TillPurchaseParam),
    validate('json', TillRefusalBody),
    async (c) =>
      c.json(
        await refuseTillPurchase(c.var.deps, c.var.principal, c.req.valid('param').purchaseId, c.req.valid('json')),
        200,
      ),
  )
  .get(
    '/till-settings',
    documentRoute({
      summary: 'The till limits: per purchase and per staff business day',
      auth: 'admin',
      permission: 'staff.read',
      ok: { 200: { description: 'The limits in fen', schema: TillSettings } },
    }),
    requirePermission('staff.read'),
    async (c) => c.json(await readTillSettings(c.var.deps.db), 200),
  )
  .put(
    '/till-settings',
    documentRoute({
      summary: 'Change the till limits; audited with the old and new values',
      auth: 'admin',
      permission: 'program.edit',
      ok: { 200: { description: 'The limits now in force', schema: TillSettings } },
    }),
    requirePermission('program.edit'),
    validate('json', TillSettingsBody),
    async (c) =>
      c.json(
        await saveTillSettings(c.var.deps.db, c.req.valid('json'), c.var.principal.actor, c.var.deps.clock.now()),
        200,
      ),
  )
