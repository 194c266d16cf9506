import { AdminOutletsResponse, AdminOutletView, CreateOutletBody, UpdateOutletBody } from '@mc/shared'
import { z } from 'zod'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requirePermission } from '../auth/require-permission'
import { validate } from '../http/validate'
import { createOutlet, listOutlets, updateOutlet } from './create-outlet'
import { documentRoute } from '../openapi/document-route'

/** Merchant console: stores and the signed scenes their join QR codes carry. */
export const outletAdminRoutes = new Hono<AppEnv>()
  .post(
    '/outlets',
    documentRoute({
      summary: 'Open a store; answers its signed join-QR scene (at most 32 characters) and H5 join URL; audited',
      auth: 'admin',
      permission: 'outlets.edit',
      ok: { 201: { description: 'The new store with its join-QR scene and URL', schema: AdminOutletView } },
    }),
    requirePermission('outlets.edit'),
    validate('json', CreateOutletBody),
    async (c) => c.json(await createOutlet(c.var.deps, c.var.principal.actor, c.req.valid('json')), 201),
  )
  .get(
    '/outlets',
    documentRoute({
      summary: "Stores with their join-QR scenes and H5 join URLs; a store manager's own store only",
      auth: 'admin',
      permission: 'outlets.read',
      ok: { 200: { description: "Every store (or the manager's own), oldest first", schema: AdminOutletsResponse } },
    }),
    requirePermission('outlets.read'),
    async (c) => c.json(await listOutlets(c.var.deps.db, c.var.deps.qrSceneSecret, c.var.principal.outletId), 200),
  )
  .patch(
    '/outlets/:outletId',
    documentRoute({
      summary: "Change a store's name, address, opening hours or phone, or stop / resume its pickups; audited",
      auth: 'admin',
      permission: 'outlets.edit',
      ok: { 200: { description: 'The store as it is now', schema: AdminOutletView } },
      errors: ['OUTLET_NOT_FOUND'],
    }),
    requirePermission('outlets.edit'),
    validate('param', z.object({ outletId: z.string().min(1).max(64) })),
    validate('json', UpdateOutletBody),
    async (c) => {
      const { outletId } = c.req.valid('param')
      const body = c.req.valid('json')
      return c.json(await updateOutlet(c.var.deps, c.var.principal.actor, outletId, body), 200)
    },
  )
