import {
  AdminRedemptionsQuery, IdempotencyHeader, MallItemIdParam, MallItemInput, MallItemPatch, PickupCodeBody, RedeemBody,
  RedemptionIdParam, RedemptionsQuery, RefundBody, StockChangeBody,
} from '@mc/shared'
import type { Operation } from './api-description'

const member = 'member' as const
const admin = 'admin' as const

/** The points mall and its payments (issue 6). */
export const mallOperations: Operation[] = [
  { method: 'get', path: '/api/mall/items', summary: 'Items on sale, each with whether this member can redeem it now and why not', auth: member, responses: { 200: '{ items: MallItemView[] }' } },
  { method: 'get', path: '/api/mall/items/{itemId}', summary: 'One item as this member sees it', auth: member, params: MallItemIdParam, responses: { 200: '{ item: MallItemView }', 404: 'MALL_ITEM_NOT_FOUND' } },
  { method: 'post', path: '/api/mall/redemptions', summary: 'Redeem: holds the points and takes the stock in one transaction; points only completes at once, points + cash returns payment parameters and expires unpaid', auth: member, headers: IdempotencyHeader, body: RedeemBody, responses: { 201: 'RedeemResponse', 200: 'Replayed RedeemResponse', 400: 'INVALID_REQUEST | DELIVERY_ADDRESS_REQUIRED', 403: 'MALL_ITEM_TIER_LOCKED', 404: 'MALL_ITEM_NOT_FOUND', 409: 'MALL_ITEM_SOLD_OUT | MALL_LIMIT_REACHED | POINTS_INSUFFICIENT | MALL_ITEM_OFF_SALE | MALL_ITEM_NOT_STARTED | MALL_ITEM_ENDED | IDEMPOTENCY_KEY_REUSED', 503: 'PAYMENT_UNAVAILABLE' } },
  { method: 'get', path: '/api/me/redemptions', summary: 'My redemptions, newest first, by cursor', auth: member, query: RedemptionsQuery, responses: { 200: 'RedemptionsPage' } },
  { method: 'get', path: '/api/me/redemptions/{redemptionId}', summary: 'One of my redemptions with its pickup code or coupons', auth: member, params: RedemptionIdParam, responses: { 200: '{ redemption }', 404: 'REDEMPTION_NOT_FOUND' } },
  { method: 'post', path: '/api/me/redemptions/{redemptionId}/cancel', summary: 'Cancel before paying: points and stock released', auth: member, params: RedemptionIdParam, responses: { 200: '{ redemption }', 404: 'REDEMPTION_NOT_FOUND', 409: 'REDEMPTION_NOT_PENDING' } },
  { method: 'post', path: '/api/me/redemptions/{redemptionId}/payment', summary: 'Payment parameters again for a pending redemption', auth: member, params: RedemptionIdParam, responses: { 200: '{ redemption, payment }', 404: 'REDEMPTION_NOT_FOUND', 409: 'REDEMPTION_NOT_PENDING', 503: 'PAYMENT_UNAVAILABLE' } },
  { method: 'post', path: '/api/me/redemptions/{redemptionId}/local-pay', summary: 'Pay through the local payment provider (development and H5 demo); settles through the notice path', auth: member, params: RedemptionIdParam, responses: { 200: '{ redemption }', 404: 'REDEMPTION_NOT_FOUND', 409: 'REDEMPTION_NOT_PENDING', 503: 'PAYMENT_UNAVAILABLE' } },
  { method: 'post', path: '/api/staff/pickups/verify', summary: 'Hand over a pickup item: the 10-digit code is accepted once', auth: 'staff', body: PickupCodeBody, responses: { 200: 'PickupVerification', 404: 'PICKUP_CODE_INVALID', 409: 'PICKUP_CODE_USED', 429: 'PICKUP_THROTTLED' } },
  { method: 'get', path: '/api/admin/mall/items', summary: 'Every item, newest first', auth: admin, responses: { 200: '{ items: AdminMallItem[] }' } },
  { method: 'post', path: '/api/admin/mall/items', summary: 'Create an item; audited', auth: admin, body: MallItemInput, responses: { 201: '{ item }', 400: 'INVALID_REQUEST', 422: 'MALL_TIER_UNKNOWN' } },
  { method: 'patch', path: '/api/admin/mall/items/{itemId}', summary: 'Change an item (not its stock); audited', auth: admin, params: MallItemIdParam, body: MallItemPatch, responses: { 200: '{ item }', 400: 'INVALID_REQUEST', 404: 'MALL_ITEM_NOT_FOUND', 422: 'MALL_TIER_UNKNOWN' } },
  { method: 'post', path: '/api/admin/mall/items/{itemId}/stock', summary: 'Add or remove stock by a delta, never below zero; audited', auth: admin, params: MallItemIdParam, body: StockChangeBody, responses: { 200: '{ item }', 404: 'MALL_ITEM_NOT_FOUND', 409: 'MALL_STOCK_NEGATIVE' } },
  { method: 'get', path: '/api/admin/mall/redemptions', summary: 'Redemptions, newest first, by status or needing reconciliation', auth: admin, query: AdminRedemptionsQuery, responses: { 200: 'RedemptionsPage' } },
  { method: 'post', path: '/api/admin/mall/redemptions/{redemptionId}/refund', summary: 'Refund a completed redemption: points back, cash refund asked of the provider; audited', auth: admin, params: RedemptionIdParam, body: RefundBody, responses: { 200: '{ redemption }', 404: 'REDEMPTION_NOT_FOUND', 409: 'REDEMPTION_NOT_REFUNDABLE' } },
  { method: 'post', path: '/webhooks/payments/wechat', summary: 'WeChat Pay API v3 payment notices: platform signature over the raw body, AES-256-GCM resource; duplicates settle once', auth: 'wechatpay-signature', responses: { 200: '{ code: SUCCESS }', 400: 'PAYMENT_NOTICE_MISMATCH', 401: 'PAYMENT_NOTICE_INVALID', 503: 'PAYMENT_UNAVAILABLE' } },
]
