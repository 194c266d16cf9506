import { CampaignVariant, type CampaignView, type MessageCategory } from '@mc/shared'
import type { Selectable } from 'kysely'
import type { CampaignsTable } from '../../db/schema'

/**
 * A campaign row and its segment's name as the console reads it. A campaign whose plan is done but whose messages
 * the outbox drain is still writing (its delivery cursor short of the plan's end) is shown as still sending.
 */
export function campaignFromRow(row: Selectable<CampaignsTable> & { segment_name: string }): CampaignView {
  const delivering = row.status === 'done' && row.delivered_through !== row.planned_through
  return {
    id: row.id,
    name: row.name,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    category: row.category as MessageCategory,
    variants: campaignVariants(row.variants),
    holdoutPercent: row.holdout_percent,
    budgetCoupons: row.budget_coupons,
    stopAtBudget: Number(row.stop_at_budget) === 1,
    status: delivering ? 'sending' : row.status,
    scheduledAt: row.scheduled_at,
    targeted: Number(row.targeted),
    couponsIssued: Number(row.coupons_issued),
    createdAt: row.created_at,
    finishedAt: delivering ? null : row.finished_at,
  }
}

export const campaignVariants = (json: string): CampaignVariant[] => CampaignVariant.array().parse(JSON.parse(json))

/**
 * Coupons the campaign expects to issue to `members`: the treated share (all but the holdout) times the share of
 * arms whose variant carries a coupon (A and B split the treated half and half), one coupon per member.
 */
export function expectedCoupons(members: number, holdoutPercent: number, variants: CampaignVariant[]): number {
  const withCoupon = variants.filter((v) => v.coupon !== null).length
  return Math.ceil((members * (100 - holdoutPercent) * withCoupon) / (100 * variants.length))
}
