import {
  BenefitKeyParam,
  ClaimResponse,
  CouponCodeParam,
  CouponsPage,
  CouponsQuery,
  CouponUseBody,
  CouponUseResponse,
  MemberBenefitsResponse,
  MemberPricingResponse,
  ShopCouponResponse,
} from '@mc/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../deps'
import { requireShopSignature } from '../http/require-signature'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { claimBenefit } from './claim-benefit'
import { couponByCode, listCoupons } from './coupons'
import { memberBenefits } from './member-benefits'
import { memberPricing } from './member-pricing'
import { useCoupon } from './use-coupon'
import { documentRoute } from '../openapi/document-route'
import { rateLimit } from '../auth/rate-limit'

/** The member's benefits and coupons; the member id comes only from the session. */
export const memberBenefitRoutes = new Hono<AppEnv>()
  .get(
    '/me/benefits',
    documentRoute({
      summary:
        "Every benefit in the library: unlocked with this period's claim state, locked with the tier that unlocks it",
      auth: 'member',
      ok: {
        200: {
          description: 'The tier, today and every benefit with its claim state',
          schema: MemberBenefitsResponse,
        },
      },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    requireMember,
    async (c) => c.json(await memberBenefits(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()), 200),
  )
  .post(
    '/me/benefits/:key/claim',
    documentRoute({
      summary: "Claim a benefit's coupons, once per member, benefit and period",
      auth: 'member',
      ok: { 201: { description: 'The claim and the coupons it issued', schema: ClaimResponse } },
      errors: [
        'BENEFIT_LOCKED',
        'MEMBER_NOT_JOINED',
        'BENEFIT_NOT_FOUND',
        'BENEFIT_ALREADY_CLAIMED',
        'BENEFIT_NOT_CLAIMABLE',
        'BIRTHDAY_UNKNOWN',
        'NOT_BIRTHDAY_MONTH',
        'BENEFIT_NOT_IN_SEASON',
        'RATE_LIMITED',
      ],
    }),
    requireMember,
    validate('param', BenefitKeyParam),
    async (c) => {
      await rateLimit(c, 'claim', c.var.memberId)
      const { db, clock } = c.var.deps
      return c.json(await claimBenefit(db, c.var.memberId, c.req.valid('param').key, clock.now()), 201)
    },
  )
  .get(
    '/me/coupons',
    documentRoute({
      summary: "The member's coupons, newest first, optionally of one status",
      auth: 'member',
      ok: { 200: { description: 'A page of coupons, newest first', schema: CouponsPage } },
    }),
    requireMember,
    validate('query', CouponsQuery),
    async (c) =>
      c.json(await listCoupons(c.var.deps.db, c.var.memberId, c.req.valid('query'), c.var.deps.clock.now()), 200),
  )

const ShopMemberParam = z.strictObject({ memberId: z.string().min(1).max(64) })

/** The shop's server-to-server calls, each signed like the order webhook (DESIGN.md §6). */
export const shopRoutes = new Hono<AppEnv>()
  .get(
    '/coupons/:code',
    documentRoute({
      summary: 'A coupon with its owner, terms, status and whether it is usable (shop, signed over an empty body)',
      auth: 'webhook-signature',
      ok: { 200: { description: 'The coupon with its owner and whether it is usable', schema: ShopCouponResponse } },
      errors: ['COUPON_NOT_FOUND'],
    }),
    requireShopSignature,
    validate('param', CouponCodeParam),
    async (c) =>
      c.json(
        {
          coupon: await couponByCode(c.var.deps.db, c.req.valid('param').code, c.var.deps.clock.now()),
        } satisfies ShopCouponResponse,
        200,
      ),
  )
  .post(
    '/coupons/:code/use',
    documentRoute({
      summary: "Use a coupon on its holder's order, once (shop, signed)",
      auth: 'webhook-signature',
      ok: { 200: { description: 'The used coupon and the discount to apply', schema: CouponUseResponse } },
      errors: [
        'COUPON_NOT_FOUND',
        'COUPON_NOT_HOLDER',
        'COUPON_ALREADY_USED',
        'COUPON_EXPIRED',
        'COUPON_THRESHOLD_NOT_MET',
      ],
    }),
    requireShopSignature,
    validate('param', CouponCodeParam),
    validate('json', CouponUseBody),
    async (c) =>
      c.json(
        await useCoupon(c.var.deps.db, c.req.valid('param').code, c.req.valid('json'), c.var.deps.clock.now()),
        200,
      ),
  )
  .get(
    '/members/:memberId/pricing',
    documentRoute({
      summary: 'The member-price discount percent to apply for a member, 0 if none (shop, signed over an empty body)',
      auth: 'webhook-signature',
      ok: { 200: { description: "The member's tier and member-price discount", schema: MemberPricingResponse } },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requireShopSignature,
    validate('param', ShopMemberParam),
    async (c) => c.json(await memberPricing(c.var.deps.db, c.req.valid('param').memberId), 200),
  )
