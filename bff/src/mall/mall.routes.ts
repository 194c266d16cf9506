import {
  AppError,
  IdempotencyHeader,
  MallItemIdParam,
  MallItemResponse,
  MallItemsResponse,
  PaymentNoticeAnswer,
  PaymentRequestResponse,
  PickupCodeBody,
  PickupOutletsResponse,
  PickupVerification,
  RedeemBody,
  RedeemResponse,
  RedemptionIdParam,
  RedemptionResponse,
  RedemptionsPage,
  RedemptionsQuery,
} from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { requireStaff, type StaffEnv } from '../auth/require-staff'
import { cancelRedemption } from './cancel-redemption'
import type { LocalPaymentProvider } from './local-payment-provider'
import { mallItemFor, mallItemsFor } from './member-mall'
import { receivePaymentNotice } from './receive-payment-notice'
import { redeemItem } from './redeem-item'
import { memberRedemption, redemptionsPage } from './redemption-view'
import { requestPayment } from './request-payment'
import { verifyPickup } from './verify-pickup'
import { pickupOutletsFor } from '../outlets/pickup-outlets'
import { documentRoute } from '../openapi/document-route'
import { rateLimit } from '../auth/rate-limit'

/** The shopper's points mall; the member id comes only from the session. */
export const mallRoutes = new Hono<AppEnv>()
  .get(
    '/mall/items',
    documentRoute({
      summary: 'Items on sale, each with whether this member can redeem it now and why not',
      auth: 'member',
      ok: { 200: { description: 'Items on sale as this member sees them', schema: MallItemsResponse } },
    }),
    requireMember,
    async (c) =>
      c.json(
        {
          items: await mallItemsFor(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()),
        } satisfies MallItemsResponse,
        200,
      ),
  )
  .get(
    '/mall/items/:itemId',
    documentRoute({
      summary: 'One item as this member sees it',
      auth: 'member',
      ok: { 200: { description: 'The item as this member sees it', schema: MallItemResponse } },
      errors: ['MALL_ITEM_NOT_FOUND'],
    }),
    requireMember,
    validate('param', MallItemIdParam),
    async (c) =>
      c.json(
        {
          item: await mallItemFor(c.var.deps.db, c.var.memberId, c.req.valid('param').itemId, c.var.deps.clock.now()),
        } satisfies MallItemResponse,
        200,
      ),
  )
  .get(
    '/mall/pickup-outlets',
    documentRoute({
      summary: "Stores a pickup item can be collected at, with the one to preselect (last pickup's, else joined at)",
      auth: 'member',
      ok: { 200: { description: 'Stores taking pickups, oldest first', schema: PickupOutletsResponse } },
    }),
    requireMember,
    async (c) => c.json(await pickupOutletsFor(c.var.deps.db, c.var.memberId), 200),
  )
  .post(
    '/mall/redemptions',
    documentRoute({
      summary:
        'Redeem: holds the points and takes the stock in one transaction; points only completes at once, ' +
        'points + cash returns payment parameters and expires unpaid',
      auth: 'member',
      ok: {
        201: { description: 'The redemption, with payment parameters while cash is due', schema: RedeemResponse },
        200: { description: 'The same answer, replayed for a repeated Idempotency-Key', schema: RedeemResponse },
      },
      errors: [
        'DELIVERY_ADDRESS_REQUIRED',
        'OUTLET_NOT_FOUND',
        'PICKUP_OUTLET_REQUIRED',
        'PICKUP_OUTLET_CLOSED',
        'PICKUP_OUTLET_NOT_ALLOWED',
        'MALL_ITEM_TIER_LOCKED',
        'MALL_ITEM_NOT_FOUND',
        'MALL_ITEM_SOLD_OUT',
        'MALL_LIMIT_REACHED',
        'POINTS_INSUFFICIENT',
        'MALL_ITEM_OFF_SALE',
        'MALL_ITEM_NOT_STARTED',
        'MALL_ITEM_ENDED',
        'IDEMPOTENCY_KEY_REUSED',
        'PAYMENT_UNAVAILABLE',
        'RATE_LIMITED',
      ],
    }),
    requireMember,
    validate('header', IdempotencyHeader),
    validate('json', RedeemBody),
    async (c) => {
      await rateLimit(c, 'redeem', c.var.memberId)
      const key = c.req.valid('header')['idempotency-key']
      const result = await redeemItem(c.var.deps, c.var.memberId, c.req.valid('json'), key, c.var.deps.clock.now())
      return c.json(result.body, result.status === 200 ? 200 : 201)
    },
  )
  .get(
    '/me/redemptions',
    documentRoute({
      summary: 'My redemptions, newest first, by cursor',
      auth: 'member',
      ok: { 200: { description: 'A page of my redemptions, newest first', schema: RedemptionsPage } },
    }),
    requireMember,
    validate('query', RedemptionsQuery),
    async (c) =>
      c.json(await redemptionsPage(c.var.deps.db, { memberId: c.var.memberId, ...c.req.valid('query') }), 200),
  )
  .get(
    '/me/redemptions/:redemptionId',
    documentRoute({
      summary: 'One of my redemptions with its pickup code or coupons',
      auth: 'member',
      ok: { 200: { description: 'The redemption', schema: RedemptionResponse } },
      errors: ['REDEMPTION_NOT_FOUND'],
    }),
    requireMember,
    validate('param', RedemptionIdParam),
    async (c) =>
      c.json(
        {
          redemption: await memberRedemption(c.var.deps.db, c.var.memberId, c.req.valid('param').redemptionId),
        } satisfies RedemptionResponse,
        200,
      ),
  )
  .post(
    '/me/redemptions/:redemptionId/cancel',
    documentRoute({
      summary: 'Cancel before paying: points and stock released',
      auth: 'member',
      ok: { 200: { description: 'The cancelled redemption', schema: RedemptionResponse } },
      errors: ['REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_PENDING'],
    }),
    requireMember,
    validate('param', RedemptionIdParam),
    async (c) =>
      c.json(
        {
          redemption: await cancelRedemption(
            c.var.deps,
            c.var.memberId,
            c.req.valid('param').redemptionId,
            c.var.deps.clock.now(),
          ),
        } satisfies RedemptionResponse,
        200,
      ),
  )
  .post(
    '/me/redemptions/:redemptionId/payment',
    documentRoute({
      summary: 'Payment parameters again for a pending redemption',
      auth: 'member',
      ok: { 200: { description: 'The pending redemption and what to pay it with', schema: PaymentRequestResponse } },
      errors: ['REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_PENDING', 'PAYMENT_UNAVAILABLE'],
    }),
    requireMember,
    validate('param', RedemptionIdParam),
    async (c) => {
      const { redemptionId } = c.req.valid('param')
      await memberRedemption(c.var.deps.db, c.var.memberId, redemptionId)
      return c.json(
        await requestPayment(c.var.deps, redemptionId, c.var.deps.clock.now(), { releaseOnFailure: false }),
        200,
      )
    },
  )

/**
 * The local provider's cashier (development and the H5 demo): paying produces a notice signed and encrypted like
 * WeChat's, which then takes the same path a real one does. createApp mounts it only when the local provider is the
 * one configured, so under real WeChat Pay (or none) the route does not exist at all.
 */
export const localCashierRoutes = new Hono<AppEnv>().post(
  '/me/redemptions/:redemptionId/local-pay',
  documentRoute({
    summary: 'Pay through the local payment provider (development and H5 demo); settles through the notice path',
    auth: 'member',
    ok: { 200: { description: 'The redemption once the payment settled', schema: RedemptionResponse } },
    errors: ['REDEMPTION_NOT_FOUND', 'REDEMPTION_NOT_PENDING', 'PAYMENT_UNAVAILABLE'],
  }),
  requireMember,
  validate('param', RedemptionIdParam),
  async (c) => {
    const { deps } = c.var
    const { redemptionId } = c.req.valid('param')
    const redemption = await memberRedemption(deps.db, c.var.memberId, redemptionId)
    const provider = deps.payments
    if (provider?.kind !== 'local') throw new AppError('PAYMENT_UNAVAILABLE', { reason: 'local payments are off' })
    if (redemption.status !== 'pending_payment')
      throw new AppError('REDEMPTION_NOT_PENDING', { status: redemption.status })
    const now = deps.clock.now()
    await receivePaymentNotice(deps, (provider as LocalPaymentProvider).pay(redemptionId, now), now)
    return c.json(
      { redemption: await memberRedemption(deps.db, c.var.memberId, redemptionId) } satisfies RedemptionResponse,
      200,
    )
  },
)

/** The till's side of the mall: handing over pickup items. */
export const mallStaffRoutes = new Hono<StaffEnv>().post(
  '/pickups/verify',
  documentRoute({
    summary: 'Hand over a pickup item: the 10-digit code is accepted once',
    auth: 'staff',
    ok: { 200: { description: 'The item handed over and to whom', schema: PickupVerification } },
    errors: [
      'PICKUP_CODE_INVALID',
      'PICKUP_CODE_USED',
      'PICKUP_WRONG_OUTLET',
      'PICKUP_CODE_EXPIRED',
      'PICKUP_THROTTLED',
    ],
  }),
  requireStaff,
  validate('json', PickupCodeBody),
  async (c) =>
    c.json(await verifyPickup(c.var.deps.db, c.var.staff, c.req.valid('json').code, c.var.deps.clock.now()), 200),
)

/** WeChat Pay's notify_url: verified over the raw body before anything in it is believed. */
export const paymentNoticeRoutes = new Hono<AppEnv>().post(
  '/payments/wechat',
  documentRoute({
    summary:
      'WeChat Pay API v3 payment notices: platform signature over the raw body, AES-256-GCM resource; ' +
      'duplicates settle once',
    auth: 'wechatpay-signature',
    ok: { 200: { description: "WeChat's success answer, with what the notice settled", schema: PaymentNoticeAnswer } },
    errors: ['PAYMENT_NOTICE_MISMATCH', 'PAYMENT_UNAVAILABLE'],
  }),
  async (c) => {
    // The bytes as they came: text() would drop a leading byte-order mark that WeChat never signed.
    const body = new Uint8Array(await c.req.arrayBuffer())
    const headers = Object.fromEntries(c.req.raw.headers.entries())
    const settlement = await receivePaymentNotice(c.var.deps, { headers, body }, c.var.deps.clock.now())
    return c.json({ code: 'SUCCESS', message: '成功', settlement } satisfies PaymentNoticeAnswer, 200)
  },
)
