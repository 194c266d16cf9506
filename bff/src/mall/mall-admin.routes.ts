import {
  AdminMallItemsQuery,
  AdminMallItemResponse,
  AdminMallItemsResponse,
  AdminRedemptionsQuery,
  MallItemIdParam,
  MallItemInput,
  MallItemPatch,
  RedemptionIdParam,
  RedemptionResponse,
  RedemptionsPage,
  RefundBody,
  StockChangeBody,
} from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { requirePermission } from '../auth/require-permission'
import { validate } from '../http/validate'
import { changeStock, createMallItem, listMallItems, updateMallItem } from './mall-items'
import { refundRedemption } from './refund-redemption'
import { redemptionsPage } from './redemption-view'
import { documentRoute } from '../openapi/document-route'

/** The merchant's mall: items, stock, redemptions and refunds; every change audited. */
export const mallAdminRoutes = new Hono<AppEnv>()
  .get(
    '/mall/items',
    documentRoute({
      summary: 'Items newest first: on or off sale, by fulfilment kind, title search',
      auth: 'admin',
      permission: 'mall.read',
      ok: { 200: { description: 'The matching items', schema: AdminMallItemsResponse } },
    }),
    requirePermission('mall.read'),
    validate('query', AdminMallItemsQuery),
    async (c) =>
      c.json({ items: await listMallItems(c.var.deps.db, c.req.valid('query')) } satisfies AdminMallItemsResponse, 200),
  )
  .post(
    '/mall/items',
    documentRoute({
      summary: 'Create an item; audited',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 201: { description: 'The new item', schema: AdminMallItemResponse } },
      errors: ['MALL_TIER_UNKNOWN'],
    }),
    requirePermission('mall.edit'),
    validate('json', MallItemInput),
    async (c) =>
      c.json(
        {
          item: await createMallItem(c.var.deps.db, c.var.principal.actor, c.req.valid('json'), c.var.deps.clock.now()),
        } satisfies AdminMallItemResponse,
        201,
      ),
  )
  .patch(
    '/mall/items/:itemId',
    documentRoute({
      summary: 'Change an item (not its stock); audited',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 200: { description: 'The changed item', schema: AdminMallItemResponse } },
      errors: ['MALL_ITEM_NOT_FOUND', 'MALL_TIER_UNKNOWN'],
    }),
    requirePermission('mall.edit'),
    validate('param', MallItemIdParam),
    validate('json', MallItemPatch),
    async (c) =>
      c.json(
        {
          item: await updateMallItem(
            c.var.deps.db,
            c.var.principal.actor,
            c.req.valid('param').itemId,
            c.req.valid('json'),
            c.var.deps.clock.now(),
          ),
        } satisfies AdminMallItemResponse,
        200,
      ),
  )
  .post(
    '/mall/items/:itemId/stock',
    documentRoute({
      summary: 'Add or remove stock by a delta, never below zero; audited',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 200: { description: 'The item with its new stock', schema: AdminMallItemResponse } },
      errors: ['MALL_ITEM_NOT_FOUND', 'MALL_STOCK_NEGATIVE'],
    }),
    requirePermission('mall.edit'),
    validate('param', MallItemIdParam),
    validate('json', StockChangeBody),
    async (c) =>
      c.json(
        {
          item: await changeStock(
            c.var.deps.db,
            c.var.principal.actor,
            c.req.valid('param').itemId,
            c.req.valid('json'),
            c.var.deps.clock.now(),
          ),
        } satisfies AdminMallItemResponse,
        200,
      ),
  )
  .get(
    '/mall/redemptions',
    documentRoute({
      summary:
        'Redemptions newest first: by status (or to ship / shipped), fulfilment, needing reconciliation, ' +
        'or the 13-digit order number shoppers read out',
      auth: 'admin',
      permission: 'mall.read',
      ok: { 200: { description: 'A page of redemptions, newest first', schema: RedemptionsPage } },
    }),
    requirePermission('mall.read'),
    validate('query', AdminRedemptionsQuery),
    async (c) => c.json(await redemptionsPage(c.var.deps.db, c.req.valid('query')), 200),
  )
  .post(
    '/mall/redemptions/:redemptionId/refund',
    documentRoute({
      summary: 'Refund a completed redemption: points back, cash refund asked of the provider; audited',
      auth: 'admin',
      permission: 'mall.edit',
      ok: { 200: { description: 'The refunded redemption', schema: RedemptionResponse } },
      errors: ['REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_REFUNDABLE'],
    }),
    requirePermission('mall.edit'),
    validate('param', RedemptionIdParam),
    validate('json', RefundBody),
    async (c) =>
      c.json(
        {
          redemption: await refundRedemption(
            c.var.deps,
            c.var.principal.actor,
            c.req.valid('param').redemptionId,
            c.req.valid('json').reason,
            c.var.deps.clock.now(),
          ),
        } satisfies RedemptionResponse,
        200,
      ),
  )
