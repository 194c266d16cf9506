import { AppError, OutletSummarySchema } from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { outletIdFromScene } from './outlet-scene'
import { recordSceneScan } from './record-scene-scan'
import { documentRoute } from '../openapi/document-route'

const findOutlet = async (c: { var: AppEnv['Variables'] }, outletId: string) => {
  const outlet = await c.var.deps.db
    .selectFrom('outlets')
    .select(['id', 'name'])
    .where('id', '=', outletId)
    .executeTakeFirst()
  if (!outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId })
  return outlet
}

/** Public: the store a join QR code names, so the join page can greet the shopper with it. */
export const outletRoutes = new Hono<AppEnv>()
  .get(
    '/outlets/scene/:scene',
    documentRoute({
      summary: 'The store a signed join-QR scene names (URL-encode the scene); each lookup counts as a scan',
      auth: 'none',
      ok: { 200: { description: 'The store', schema: OutletSummarySchema } },
      errors: ['OUTLET_SCENE_INVALID', 'OUTLET_NOT_FOUND'],
    }),
    validate('param', z.object({ scene: z.string().min(1).max(128) })),
    async (c) => {
      const outletId = outletIdFromScene(c.var.deps.qrSceneSecret, c.req.valid('param').scene)
      const outlet = await findOutlet(c, outletId)
      await recordSceneScan(c.var.deps.db, outlet.id, c.var.deps.clock.now())
      return c.json(outlet, 200)
    },
  )
  .get(
    '/outlets/:outletId',
    documentRoute({
      summary: 'A store by id (for the join page)',
      auth: 'none',
      ok: { 200: { description: 'The store', schema: OutletSummarySchema } },
      errors: ['OUTLET_NOT_FOUND'],
    }),
    validate('param', z.object({ outletId: z.string().min(1).max(64) })),
    async (c) => {
      const { outletId } = c.req.valid('param')
      return c.json(await findOutlet(c, outletId), 200)
    },
  )
