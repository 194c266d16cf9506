import { BenefitKeyParam, CouponCodeParam, CouponsQuery, CouponUseBody } from '@mc/shared'
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

/** The member's benefits and coupons; the member id comes only from the session. */
export const memberBenefitRoutes = new Hono<AppEnv>()
  .get('/me/benefits', requireMember, async (c) =>
    c.json(await memberBenefits(c.var.deps.db, c.var.memberId, c.var.deps.clock.now()), 200))
  .post('/me/benefits/:key/claim', requireMember, validate('param', BenefitKeyParam), async (c) =>
    c.json(await claimBenefit(c.var.deps.db, c.var.memberId, c.req.valid('param').key, c.var.deps.clock.now()), 201))
  .get('/me/coupons', requireMember, validate('query', CouponsQuery), async (c) =>
    c.json(await listCoupons(c.var.deps.db, c.var.memberId, c.req.valid('query'), c.var.deps.clock.now()), 200))

const ShopMemberParam = z.strictObject({ memberId: z.string().min(1).max(64) })

/** The shop's server-to-server calls, each signed like the order webhook (DESIGN.md §6). */
export const shopRoutes = new Hono<AppEnv>()
  .get('/coupons/:code', requireShopSignature, validate('param', CouponCodeParam), async (c) =>
    c.json({ coupon: await couponByCode(c.var.deps.db, c.req.valid('param').code, c.var.deps.clock.now()) }, 200))
  .post('/coupons/:code/use', requireShopSignature, validate('param', CouponCodeParam), validate('json', CouponUseBody), async (c) =>
    c.json(await useCoupon(c.var.deps.db, c.req.valid('param').code, c.req.valid('json'), c.var.deps.clock.now()), 200))
  .get('/members/:memberId/pricing', requireShopSignature, validate('param', ShopMemberParam), async (c) =>
    c.json(await memberPricing(c.var.deps.db, c.req.valid('param').memberId), 200))
