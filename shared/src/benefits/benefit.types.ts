import { z } from 'zod'
import type { BusinessDay } from '../calendar/business-day'
import type { BenefitKind, BenefitGrant, CouponSpec } from './benefit-library'

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
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type CouponsQuery = z.infer<typeof CouponsQuery>

/**
 * Coupon codes are 16 Crockford base32 characters (80 random bits), read case-insensitively; unknown ones are a 404.
 */
export const CouponCodeParam = z.strictObject({ code: z.string().min(1).max(64) })

/**
 * POST /api/shop/coupons/:code/use: the shop's order the coupon pays into, and that order's amount before the coupon.
 */
export const CouponUseBody = z.strictObject({
  orderId: z.string().trim().min(1).max(128),
  orderAmountFen: z.number().int().min(0).max(10_000_000_000),
})
export type CouponUseBody = z.infer<typeof CouponUseBody>

/** One coupon: 满 thresholdFen 减 discountFen, usable from `validFrom` until (not including) `validUntil`. */
export interface CouponView {
  id: string
  code: string
  benefitKey: string
  name: string
  kind: CouponSpec['kind']
  thresholdFen: number
  discountFen: number
  status: CouponStatus
  validFrom: string
  validUntil: string
  usedAt: string | null
  usedOrderId: string | null
  createdAt: string
}

export interface CouponsPage {
  coupons: CouponView[]
  nextCursor: string | null
}

/** Claim state of an unlocked claimable benefit in the current period. */
export interface BenefitClaimState {
  /** The period a claim now falls in; null while the window is closed (not the birthday month, out of season). */
  periodKey: string | null
  claimable: boolean
  /** When this period's claim was made; null if not yet claimed. */
  claimedAt: string | null
  /** What a claim now would be refused with; null when claimable. */
  blockedBy: 'BENEFIT_ALREADY_CLAIMED' | 'BIRTHDAY_UNKNOWN' | 'NOT_BIRTHDAY_MONTH' | 'BENEFIT_NOT_IN_SEASON' | null
  /** Last business day of the current period; null when closed or once-only. */
  periodEndsOn: BusinessDay | null
  /** First business day a new claim opens; null when there will be none. */
  nextPeriodStartsOn: BusinessDay | null
}

/** One benefit of the library as this member sees it. */
export interface MemberBenefit {
  key: string
  kind: BenefitKind
  name: string
  description: string
  unlocked: boolean
  /** For a locked benefit: the lowest tier that would unlock it; null when unlocked or no tier offers it. */
  unlockTier: { key: string; name: string } | null
  /** e.g. `解锁等级：黄金会员`; null when unlocked. */
  unlockLabel: string | null
  /** What a claim issues, or null for a standing right (member price, service, early access). */
  grant: BenefitGrant | null
  /** For an unlocked claimable benefit; null otherwise. */
  claim: BenefitClaimState | null
  /** For member price: the discount in percent (5 = 95 折); null for other benefits. */
  memberPriceDiscountPercent: number | null
}

/** GET /api/me/benefits. */
export interface MemberBenefitsResponse {
  tier: { key: string; name: string }
  today: BusinessDay
  benefits: MemberBenefit[]
}

/** POST /api/me/benefits/:key/claim. */
export interface ClaimResponse {
  benefitKey: string
  periodKey: string
  claimedAt: string
  coupons: CouponView[]
  nextPeriodStartsOn: BusinessDay | null
}

/** POST /api/shop/coupons/:code/use: the used coupon and the discount the shop applies to the order. */
export interface CouponUseResponse {
  coupon: CouponView & { memberId: string }
  discountFen: number
}

/** GET /api/shop/members/:memberId/pricing. */
export interface MemberPricingResponse {
  memberId: string
  tier: { key: string; name: string } | null
  /** Percent off member-priced items (5 = 95 折); 0 when the member's tier has no member price. */
  memberPriceDiscountPercent: number
}

/** `解锁等级：黄金会员` */
export const unlockLabel = (tierName: string) => `解锁等级：${tierName}`
