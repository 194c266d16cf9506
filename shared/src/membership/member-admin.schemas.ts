import { z } from 'zod'
import { pageLimit } from '../api/page-query'
import { CouponSpec } from '../benefits/benefit-library'
import { CouponView } from '../benefits/benefit.types'
import { RedemptionView } from '../mall/mall.types'
import { TierView } from '../tiers/tier-view'
import { MemberInsight } from '../analytics/insights.schemas'
import { MeResponse } from './me.schemas'

/** Path parameter of the admin member routes. */
export const AdminMemberParam = z.strictObject({ memberId: z.string().min(1).max(64) })

/**
 * GET /api/admin/members: `q` is a phone (exactly 11 digits), a card number (9 digits) or the start of a nickname;
 * without `q`, the newest members. The cursor is the last id of the previous page.
 */
export const MemberSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(32, { error: '搜索内容过长 / q is at most 32 characters' })
    .optional()
    .transform((q) => (q === '' ? undefined : q)),
  cursor: z
    .string()
    .regex(/^[a-z]{3}_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: pageLimit(50, 20),
})
export type MemberSearchQuery = z.input<typeof MemberSearchQuery>

/** How `q` was read: a phone and a card number match exactly, a nickname by its start. */
export const memberSearchKinds = ['phone', 'card', 'nickname', 'recent'] as const

/** One member in the search results; `phone` is masked (138****1234) unless the caller may see phones. */
export const MemberSearchRow = z
  .strictObject({
    id: z.string(),
    nickname: z.string(),
    phone: z.string().nullable(),
    phoneMasked: z.boolean(),
    cardNo: z.string().nullable(),
    joinedAt: z.string().nullable(),
    tier: z.strictObject({ key: z.string(), name: z.string() }).nullable(),
    sourceOutlet: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'MemberSearchRow' })
export type MemberSearchRow = z.infer<typeof MemberSearchRow>

export const MemberSearchPage = z.strictObject({
  matchedBy: z.enum(memberSearchKinds),
  members: z.array(MemberSearchRow),
  nextCursor: z.string().nullable(),
})
export type MemberSearchPage = z.infer<typeof MemberSearchPage>

/** The member's standing as their own home page computes it (GET /api/me), without the profile and the ladder. */
export const MemberStanding = MeResponse.omit({ member: true, tiers: true })
export type MemberStanding = z.infer<typeof MemberStanding>

const ledger = z.enum(['growth', 'points'])

/** Path parameters of DELETE /api/admin/members/:memberId/tags/:tag: the tag as stored (URL-encode it). */
export const MemberTagParam = z.strictObject({ memberId: z.string().min(1).max(64), tag: z.string().min(1).max(32) })

/** GET /api/admin/members/:memberId: everything the console's member page shows, in one answer. */
export const AdminMemberDetail = z
  .strictObject({
    member: z.strictObject({
      id: z.string(),
      nickname: z.string(),
      phone: z.string().nullable(),
      phoneMasked: z.boolean(),
      cardNo: z.string().nullable(),
      birthday: z.string().nullable(),
      joinedAt: z.string().nullable(),
      createdAt: z.string(),
      sourceChannel: z.enum(['outlet_qr', 'shop']).nullable(),
      sourceOutlet: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    }),
    /** Tier, counted / pending / at-risk growth, progress and points; null until the member has joined. */
    standing: MemberStanding.nullable(),
    /** The tier ladder in force, lowest first. */
    tiers: z.array(TierView),
    /** Every tier change, newest first. */
    tierChanges: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['join', 'upgrade', 'retain', 'downgrade']),
        fromKey: z.string().nullable(),
        fromName: z.string().nullable(),
        toKey: z.string(),
        toName: z.string(),
        validUntil: z.string().nullable(),
        growth: z.number().int(),
        businessDay: z.string(),
        ruleVersion: z.number().int(),
        createdAt: z.string(),
      }),
    ),
    balances: z.strictObject({ growth: z.number().int(), points: z.number().int(), pointsHeld: z.number().int() }),
    /** Lots with something left, soonest to lapse first. */
    lots: z.array(
      z.strictObject({
        id: z.string(),
        ledger,
        amount: z.number().int(),
        remaining: z.number().int(),
        expiresAt: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    /** Points holds still open (a redemption waiting for payment). */
    holds: z.array(
      z.strictObject({
        id: z.string(),
        points: z.number().int(),
        refType: z.string(),
        refId: z.string(),
        expiresAt: z.string(),
        createdAt: z.string(),
      }),
    ),
    /** The newest coupons (up to 20). */
    coupons: z.array(CouponView),
    /** The newest redemptions (up to 10). */
    redemptions: z.array(RedemptionView),
    /** RFM group, lifecycle stage and tags from the nightly scoring (insights). */
    insight: MemberInsight,
    /** The newest sign-ins (up to 30). */
    signIns: z.array(
      z.strictObject({
        businessDay: z.string(),
        kind: z.enum(['daily', 'make_up']),
        cycleDay: z.number().int(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'AdminMemberDetail' })
export type AdminMemberDetail = z.infer<typeof AdminMemberDetail>

/** POST /api/admin/members/:memberId/phone-reveal: the full phone; the view is in the audit log. */
export const PhoneRevealResponse = z.strictObject({ memberId: z.string(), phone: z.string().nullable() })
export type PhoneRevealResponse = z.infer<typeof PhoneRevealResponse>

/**
 * POST /api/admin/members/:memberId/coupons: issue the coupons of a benefit in the library (`benefitKey`) or one
 * coupon defined here (`coupon`), exactly one of the two, with the reason the audit log keeps.
 */
export const IssueMemberCouponBody = z
  .strictObject({
    benefitKey: z.string().trim().min(1).max(32).optional(),
    coupon: CouponSpec.optional(),
    reason: z.string().trim().min(2, { error: '请填写发券原因 / a reason is required' }).max(100),
  })
  .refine((body) => (body.benefitKey === undefined) !== (body.coupon === undefined), {
    path: ['benefitKey'],
    error: '请选择权益或填写优惠券 / give either benefitKey or coupon',
  })
export type IssueMemberCouponBody = z.infer<typeof IssueMemberCouponBody>

export const IssueMemberCouponResponse = z.strictObject({
  memberId: z.string(),
  benefitKey: z.string(),
  coupons: z.array(CouponView),
})
export type IssueMemberCouponResponse = z.infer<typeof IssueMemberCouponResponse>
