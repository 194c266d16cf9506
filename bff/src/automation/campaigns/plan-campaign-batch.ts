import type { CampaignVariant, EngagementSettings, MessageCategory } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { decideCampaignBatch } from './decide-campaign-batch'

/** The campaign as the job plans it. */
export interface PlannedCampaign {
  id: string
  category: MessageCategory
  variants: CampaignVariant[]
  holdoutPercent: number
}

/** What a batch decided, added up into the run's totals. */
export interface BatchCounts {
  targeted: number
  sent: number
  holdout: number
  capped: number
  overBudget: number
  /** Coupons taken from the budget for the members decided `sent` (written when their message is delivered). */
  coupons: number
}

/**
 * One batch of a campaign, in the caller's transaction: the decisions only (decideCampaignBatch), with the budget
 * taken for the coupons they will carry. The coupons and messages of the members decided `sent` are written later by
 * the outbox drain (deliverCampaigns), behind the campaign's delivery cursor: a million decisions fit in a minute,
 * six rows per member do not.
 */
export async function planCampaignBatch(
  trx: Transaction<Database>,
  input: {
    campaign: PlannedCampaign
    memberIds: string[]
    settings: EngagementSettings
    now: Date
    today: string
  },
): Promise<BatchCounts> {
  const { campaign } = input
  const couponArms = { A: campaign.variants[0].coupon !== null, B: campaign.variants[1]?.coupon != null }
  const decisions = await decideCampaignBatch(trx, {
    campaignId: campaign.id,
    memberIds: input.memberIds,
    holdoutPercent: campaign.holdoutPercent,
    couponArms,
    variants: campaign.variants.length === 2 ? 2 : 1,
    settings: input.settings,
    now: input.now,
    businessDay: input.today,
  })
  const counts: BatchCounts = {
    targeted: input.memberIds.length,
    sent: 0,
    holdout: 0,
    capped: 0,
    overBudget: 0,
    coupons: 0,
  }
  for (const d of decisions) {
    if (d.outcome === 'sent') {
      counts.sent += 1
      if (couponArms[d.arm as 'A' | 'B']) counts.coupons += 1
    } else if (d.outcome === 'holdout') counts.holdout += 1
    else if (d.outcome === 'capped') counts.capped += 1
    else counts.overBudget += 1
  }
  return counts
}
