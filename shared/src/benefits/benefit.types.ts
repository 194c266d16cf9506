import { z } from 'zod'
import { pageLimit } from '../api/page-query'
import { BenefitGrant, benefitKinds, CouponSpec } from './benefit-library'
import { OrderMember } from '../orders/order-event'

/** A coupon as stored: `available` until used; an available coupon past `validUntil` reads as `expired`. */
export type CouponStatus = 'available' | 'used' | 'expired'
export const couponStatuses = ['available', 'used', 'expired'] as const

/** Path parameter of the benefit routes; any key the library lacks is a 404, whatever its shape. */
export const BenefitKeyParam = z.strictObject({ key: z.string().min(1).max(64) })

/** GET /api/me/coupons: optionally one status, newest first, by cursor. */
export const CouponsQuery = z.strictObject({
  status: z.enum(couponStatuses).optional(),
  cursor: z
    .string()
    .regex(/^cpn_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: pageLimit(50, 20),
})
export type CouponsQuery = z.infer<typeof CouponsQuery>

/**
 * Coupon codes are 16 Crockford base32 characters (80 random bits), read case-insensitively; unknown ones are a 404.
 */
export const CouponCodeParam = z.strictObject({ code: z.string().min(1).max(64) })

/**
 * POST /api/shop/coupons/:code/use: the shop's order the coupon pays into, that order's amount before the coupon,
 * and the order's member, named as the order webhook names it: a coupon only pays into its holder's order.
 */
export const CouponUseBody = z.strictObject({
  orderId: z.string().trim().min(1).max(128),
  orderAmountFen: z.number().int().min(0).max(10_000_000_000),
  member: OrderMember,
})
export type CouponUseBody = z.infer<typeof CouponUseBody>

/** A `{ key, name }` reference to a tier, as the benefit answers name one. */
const BenefitTierRef = z.strictObject({ key: z.string(), name: z.string() })

/** A tier named on the benefits page, with its colour (#RRGGBB) so the page paints it as every other screen does. */
const ColoredTierRef = BenefitTierRef.extend({ color: z.string() })

/** One coupon: 满 thresholdFen 减 discountFen, usable from `validFrom` until (not including) `validUntil`. */
export const CouponView = z
  .strictObject({
    id: z.string(),
    code: z.string(),
    benefitKey: z.string(),
    name: z.string(),
    kind: CouponSpec.shape.kind,
    thresholdFen: z.number().int(),
    discountFen: z.number().int(),
    status: z.enum(couponStatuses),
    validFrom: z.string(),
    validUntil: z.string(),
    usedAt: z.string().nullable(),
    usedOrderId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CouponView' })
export type CouponView = z.infer<typeof CouponView>

/** GET /api/me/coupons: a page, and how many coupons the asked status holds in all (the home page's 优惠券 N 张). */
export const CouponsPage = z.strictObject({
  coupons: z.array(CouponView),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
})
export type CouponsPage = z.infer<typeof CouponsPage>

/** Claim state of an unlocked claimable benefit in the current period. */
export const BenefitClaimState = z.strictObject({
  /** The period a claim now falls in; null while the window is closed (not the birthday month, out of season). */
  periodKey: z.string().nullable(),
  claimable: z.boolean(),
  /** When this period's claim was made; null if not yet claimed. */
  claimedAt: z.string().nullable(),
  /** What a claim now would be refused with; null when claimable. */
  blockedBy: z
    .enum(['BENEFIT_ALREADY_CLAIMED', 'BIRTHDAY_UNKNOWN', 'NOT_BIRTHDAY_MONTH', 'BENEFIT_NOT_IN_SEASON'])
    .nullable(),
  /** Last business day of the current period; null when closed or once-only. */
  periodEndsOn: z.string().nullable(),
  /** First business day a new claim opens; null when there will be none. */
  nextPeriodStartsOn: z.string().nullable(),
})
export type BenefitClaimState = z.infer<typeof BenefitClaimState>

/** One benefit of the library as this member sees it. */
export const MemberBenefit = z.strictObject({
  key: z.string(),
  kind: z.enum(benefitKinds),
  name: z.string(),
  description: z.string(),
  unlocked: z.boolean(),
  /** For a locked benefit: the lowest tier that would unlock it; null when unlocked or no tier offers it. */
  unlockTier: ColoredTierRef.nullable(),
  /** e.g. `解锁等级：黄金会员`; null when unlocked. */
  unlockLabel: z.string().nullable(),
  /** What a claim issues, or null for a standing right (member price, service, early access). */
  grant: BenefitGrant.nullable(),
  /** For an unlocked claimable benefit; null otherwise. */
  claim: BenefitClaimState.nullable(),
  /** For member price: the discount in percent (5 = 95 折); null for other benefits. */
  memberPriceDiscountPercent: z.number().int().nullable(),
})
export type MemberBenefit = z.infer<typeof MemberBenefit>

/** GET /api/me/benefits. */
export const MemberBenefitsResponse = z.strictObject({
  tier: ColoredTierRef,
  /** The business day (`YYYY-MM-DD`) the claim states are as of. */
  today: z.string(),
  benefits: z.array(MemberBenefit),
})
export type MemberBenefitsResponse = z.infer<typeof MemberBenefitsResponse>

/** POST /api/me/benefits/:key/claim. */
export const ClaimResponse = z.strictObject({
  benefitKey: z.string(),
  periodKey: z.string(),
  claimedAt: z.string(),
  coupons: z.array(CouponView),
  /** Business day (`YYYY-MM-DD`) the next period opens; null when there will be none. */
  nextPeriodStartsOn: z.string().nullable(),
})
export type ClaimResponse = z.infer<typeof ClaimResponse>

/** A coupon as the shop checks it before an order: its owner, terms, status as of now and whether it can be used. */
export const ShopCoupon = CouponView.extend({ memberId: z.string(), usable: z.boolean() })
export type ShopCoupon = z.infer<typeof ShopCoupon>

/** GET /api/shop/coupons/:code. */
export const ShopCouponResponse = z.strictObject({ coupon: ShopCoupon })
export type ShopCouponResponse = z.infer<typeof ShopCouponResponse>

/** POST /api/shop/coupons/:code/use: the used coupon and the discount the shop applies to the order. */
export const CouponUseResponse = z.strictObject({
  coupon: CouponView.extend({ memberId: z.string() }),
  discountFen: z.number().int(),
})
export type CouponUseResponse = z.infer<typeof CouponUseResponse>

/** GET /api/shop/members/:memberId/pricing. */
export const MemberPricingResponse = z.strictObject({
  memberId: z.string(),
  tier: BenefitTierRef.nullable(),
  /** Percent off member-priced items (5 = 95 折); 0 when the member's tier has no member price. */
  memberPriceDiscountPercent: z.number().int(),
})
export type MemberPricingResponse = z.infer<typeof MemberPricingResponse>

/** `解锁等级：黄金会员` */
export const unlockLabel = (tierName: string) => `解锁等级：${tierName}`
