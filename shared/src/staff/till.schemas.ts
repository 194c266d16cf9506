import { z } from 'zod'
import { CouponView } from '../benefits/benefit.types'
import { TillHoldReason } from './staff.schemas'

/**
 * The merchant's till limits (issue 14: one receipt once credited ¥1,000,000). A purchase paying more than
 * `purchaseLimitFen`, or taking the staff's business day above `dailyTotalFen`, waits for approval.
 */
export const TillSettings = z
  .strictObject({
    purchaseLimitFen: z.number().int().min(100).max(100_000_000).default(500_000),
    dailyTotalFen: z.number().int().min(100).max(1_000_000_000).default(2_000_000),
  })
  .meta({ id: 'TillSettings' })
export type TillSettings = z.infer<typeof TillSettings>

/** PUT /api/admin/till-settings: both limits, as one form. */
export const TillSettingsBody = z.strictObject({
  purchaseLimitFen: TillSettings.shape.purchaseLimitFen.unwrap(),
  dailyTotalFen: TillSettings.shape.dailyTotalFen.unwrap(),
})
export type TillSettingsBody = z.infer<typeof TillSettingsBody>

/** GET /api/staff/till/benefits?memberId=: only for a member this staff scanned in the last ten minutes. */
export const TillBenefitsQuery = z.strictObject({ memberId: z.string().trim().min(1).max(64) })
export type TillBenefitsQuery = z.infer<typeof TillBenefitsQuery>

/** What the till may apply for the scanned member: cash coupons usable now, and their tier's member price. */
export const TillBenefits = z.strictObject({
  memberId: z.string(),
  tier: z.strictObject({ key: z.string(), name: z.string() }).nullable(),
  /** Percent off member-priced goods (5 = 95 折); 0 when the tier has none. The till prices goods with it. */
  memberPriceDiscountPercent: z.number().int(),
  /** Available cash-off coupons, soonest ending first (free-shipping coupons have no use at a till). */
  coupons: z.array(CouponView),
})
export type TillBenefits = z.infer<typeof TillBenefits>

export const tillPurchaseStatuses = ['posted', 'pending', 'approved', 'refused'] as const
export const TillPurchaseStatus = z.enum(tillPurchaseStatuses)
export type TillPurchaseStatus = z.infer<typeof TillPurchaseStatus>

/** A till purchase as the console lists it; `approved` ones were posted when approved, `refused` ones never. */
export const TillPurchaseView = z
  .strictObject({
    id: z.string(),
    orderId: z.string(),
    status: TillPurchaseStatus,
    outlet: z.strictObject({ id: z.string(), name: z.string() }),
    staff: z.strictObject({ id: z.string(), name: z.string() }),
    memberId: z.string(),
    memberNickname: z.string(),
    receiptNo: z.string(),
    amountFen: z.number().int(),
    discountFen: z.number().int(),
    paidFen: z.number().int(),
    couponName: z.string().nullable(),
    hold: z.strictObject({ reason: TillHoldReason, limitFen: z.number().int() }).nullable(),
    growth: z.number().int(),
    points: z.number().int(),
    createdAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    refusalReason: z.string().nullable(),
  })
  .meta({ id: 'TillPurchaseView' })
export type TillPurchaseView = z.infer<typeof TillPurchaseView>

/** GET /api/admin/till-approvals: pending first by default; a store manager sees only their own store. */
export const TillApprovalsQuery = z.strictObject({
  status: TillPurchaseStatus.exclude(['posted']).default('pending'),
  outletId: z.string().trim().min(1).max(64).optional(),
})
export type TillApprovalsQuery = z.infer<typeof TillApprovalsQuery>

/** Oldest first for pending (the queue), newest first once decided; at most 200. */
export const TillApprovalsResponse = z.strictObject({ purchases: z.array(TillPurchaseView), settings: TillSettings })
export type TillApprovalsResponse = z.infer<typeof TillApprovalsResponse>

export const TillPurchaseParam = z.strictObject({ purchaseId: z.string().min(1).max(64) })

/** POST /api/admin/till-approvals/:purchaseId/refusal: the reason is kept and audited. */
export const TillRefusalBody = z.strictObject({
  reason: z.string().trim().min(1, { error: '请填写拒绝原因' }).max(200),
})
export type TillRefusalBody = z.infer<typeof TillRefusalBody>

/** `单笔上限 ¥5,000.00` style labels for why a purchase waits. */
export const tillHoldLabels: Record<TillHoldReason, string> = {
  purchase_limit: '超过单笔上限',
  daily_total: '超过店员当日累计上限',
}

export const tillStatusLabels: Record<TillPurchaseStatus, string> = {
  posted: '已入账',
  pending: '待审批',
  approved: '已批准',
  refused: '已拒绝',
}
