import { addDays, type CouponOffer } from '@mc/shared'

/**
 * The copy's coupon placeholders: its name, and the last business day it can be used (as `issueCouponBatch` sets
 * it). The coupon itself is issued with its batch by run-journeys (claimCouponBatch, claim period = the dormancy's).
 */
export const winBackCouponValues = (offer: CouponOffer, today: string) => ({
  优惠券: offer.name,
  券有效期至: addDays(today, offer.validDays - 1),
})
