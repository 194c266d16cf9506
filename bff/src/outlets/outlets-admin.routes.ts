import { CreateOutletBody } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireAdmin } from '../auth/require-admin'
import { validate } from '../http/validate'
import { createOutlet, listOutlets } from './create-outlet'

/** Merchant console: stores and the signed scenes their join QR codes carry. */
export const outletAdminRoutes = new Hono<AppEnv>()
  .post('/outlets', requireAdmin, validate('json', CreateOutletBody), async (c) =>
    c.json(await createOutlet(c.var.deps, c.req.valid('json')), 201))
  .get('/outlets', requireAdmin, async (c) =>
    c.json(await listOutlets(c.var.deps.db, c.var.deps.qrSceneSecret), 200))
