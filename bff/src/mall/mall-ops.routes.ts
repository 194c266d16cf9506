import {
  ReconciliationIdParam,
  ReconciliationResponse,
  RedemptionIdParam,
  RedemptionResponse,
  ResolvedReconciliation,
  ResolveReconciliationBody,
  ShipmentBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { reconciliationQueue } from './reconciliation-queue'
import { resolveReconciliation } from './resolve-reconciliation'
import { shipRedemption } from './ship-redemption'

/** The merchant's mall operations after a redemption: shipping delivery items and the reconciliation queue. */
export const mallOpsRoutes = new Hono<AppEnv>()
  .post(
    '/mall/redemptions/:redemptionId/shipment',
    documentRoute({
      summary: 'Ship a completed delivery item: carrier and tracking number, recorded once and shown to the member',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 200: { description: 'The redemption with its shipment', schema: RedemptionResponse } },
      errors: ['REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_SHIPPABLE', 'REDEMPTION_ALREADY_SHIPPED'],
    }),
    requirePermission('mall.edit'),
    validate('param', RedemptionIdParam),
    validate('json', ShipmentBody),
    async (c) => {
      const { redemptionId } = c.req.valid('param')
      const redemption = await shipRedemption(c.var.deps, c.var.principal.actor, redemptionId, c.req.valid('json'))
      return c.json({ redemption } satisfies RedemptionResponse, 200)
    },
  )
  .get(
    '/mall/reconciliation',
    documentRoute({
      summary: 'Payments that need a person: failed refunds, late payments refunded, refused payment reports',
      auth: 'admin',
      permission: 'mall.read',
      ok: { 200: { description: 'The queue, newest first', schema: ReconciliationResponse } },
    }),
    requirePermission('mall.read'),
    async (c) => c.json({ items: await reconciliationQueue(c.var.deps.db) } satisfies ReconciliationResponse, 200),
  )
  .post(
    '/mall/reconciliation/:itemId/resolve',
    documentRoute({
      summary: 'Close a reconciliation entry with a note of what was checked or done; audited',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 200: { description: 'The closed entry', schema: ResolvedReconciliation } },
      errors: ['RECONCILIATION_NOT_FOUND'],
    }),
    requirePermission('mall.edit'),
    validate('param', ReconciliationIdParam),
    validate('json', ResolveReconciliationBody),
    async (c) =>
      c.json(
        await resolveReconciliation(
          c.var.deps,
          c.var.principal.actor,
          c.req.valid('param').itemId,
          c.req.valid('json').note,
        ),
        200,
      ),
  )
