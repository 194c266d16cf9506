import { z } from 'zod'
import { MessageCategory } from '../outreach/outreach.schemas'
import { CouponOffer, MessageCopy } from './journeys'

/** One variant of a campaign: the message and, optionally, the coupon. A/B campaigns have two. */
export const CampaignVariant = z.strictObject({ copy: MessageCopy, coupon: CouponOffer.nullable() })
export type CampaignVariant = z.infer<typeof CampaignVariant>

/** POST /api/admin/campaigns: what the wizard sends on 确认. */
export const CampaignBody = z
  .strictObject({
    name: z.string().trim().min(1).max(40),
    segmentId: z.string().min(1).max(40),
    category: MessageCategory.default('offers'),
    variants: z.array(CampaignVariant).min(1).max(2),
    holdoutPercent: z.number().int().min(0).max(50),
    /** The most coupons the campaign may issue; null when no variant has a coupon. */
    budgetCoupons: z.number().int().min(1).max(10_000_000).nullable(),
    /**
     * Accept a segment larger than the budget and stop issuing at the budget (first members in a deterministic
     * order get one); otherwise a campaign whose expected coupons exceed the budget is refused.
     */
    stopAtBudget: z.boolean().default(false),
    /** When to send; null sends now. Must not be in the past. */
    scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .refine((c) => c.variants.every((v) => v.coupon === null) || c.budgetCoupons !== null, {
    path: ['budgetCoupons'],
    message: '发券活动必须设置预算 / a campaign with coupons needs a budget',
  })
export type CampaignBody = z.infer<typeof CampaignBody>

export const campaignStatuses = ['scheduled', 'sending', 'done', 'cancelled'] as const
export const CampaignStatus = z.enum(campaignStatuses)
export type CampaignStatus = z.infer<typeof CampaignStatus>

export const CampaignView = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    segmentId: z.string(),
    segmentName: z.string(),
    category: MessageCategory,
    variants: z.array(CampaignVariant),
    holdoutPercent: z.number().int(),
    budgetCoupons: z.number().int().nullable(),
    stopAtBudget: z.boolean(),
    status: CampaignStatus,
    scheduledAt: z.string(),
    /** Members the plan has walked so far; all of the segment once sending is done. */
    targeted: z.number().int(),
    couponsIssued: z.number().int(),
    /**
     * Its messages: `planned`, the members decided 发送 so far; `delivered`, those whose inbox message and coupon are
     * written (WeChat and SMS queued); `minutesLeft`, the minutes until the drain reaches the last one waiting (the
     * campaigns ahead of it first), null while the plan is still growing.
     */
    messages: z.strictObject({
      planned: z.number().int(),
      delivered: z.number().int(),
      minutesLeft: z.number().int().nullable(),
    }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'CampaignView' })
export type CampaignView = z.infer<typeof CampaignView>
