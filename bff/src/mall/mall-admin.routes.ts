import { AdminRedemptionsQuery, MallItemIdParam, MallItemInput, MallItemPatch, RedemptionIdParam, RefundBody, StockChangeBody } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requireAdmin } from '../auth/require-admin'
import { validate } from '../http/validate'
import { changeStock, createMallItem, listMallItems, updateMallItem } from './mall-items'
import { refundRedemption } from './refund-redemption'
import { redemptionsPage } from './redemption-view'

/** The merchant's mall: items, stock, redemptions and refunds; every change audited. */
export const mallAdminRoutes = new Hono<AppEnv>()
  .get('/mall/items', requireAdmin, async (c) => c.json({ items: await listMallItems(c.var.deps.db) }, 200))
  .post('/mall/items', requireAdmin, validate('json', MallItemInput), async (c) =>
    c.json({ item: await createMallItem(c.var.deps.db, c.req.valid('json'), c.var.deps.clock.now()) }, 201))
  .patch('/mall/items/:itemId', requireAdmin, validate('param', MallItemIdParam), validate('json', MallItemPatch), async (c) =>
    c.json({ item: await updateMallItem(c.var.deps.db, c.req.valid('param').itemId, c.req.valid('json'), c.var.deps.clock.now()) }, 200))
  .post('/mall/items/:itemId/stock', requireAdmin, validate('param', MallItemIdParam), validate('json', StockChangeBody), async (c) =>
    c.json({ item: await changeStock(c.var.deps.db, c.req.valid('param').itemId, c.req.valid('json'), c.var.deps.clock.now()) }, 200))
  .get('/mall/redemptions', requireAdmin, validate('query', AdminRedemptionsQuery), async (c) =>
    c.json(await redemptionsPage(c.var.deps.db, c.req.valid('query')), 200))
  .post('/mall/redemptions/:redemptionId/refund', requireAdmin, validate('param', RedemptionIdParam), validate('json', RefundBody), async (c) =>
    c.json({ redemption: await refundRedemption(c.var.deps, c.req.valid('param').redemptionId, c.req.valid('json').reason, c.var.deps.clock.now()) }, 200))
