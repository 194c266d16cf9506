import {
  addDays,
  renderCopy,
  tierByKey,
  type CampaignVariant,
  type CouponOffer,
  type EngagementSettings,
  type MessageCategory,
} from '@mc/shared'
import type { Transaction } from 'kysely'
import { claimCouponBatch } from '../../benefits/issue-coupon-batch'
import type { Database } from '../../db/schema'
import type { PublishedProgram } from '../../program/published-program'
import { decideCampaignBatch } from './decide-campaign-batch'
import { enqueueMessages } from '../../outreach/enqueue-messages'

/** The campaign as the job sends it. */
export interface SendingCampaign {
  id: string
  category: MessageCategory
  variants: CampaignVariant[]
  holdoutPercent: number
}

/** What a batch did, added up into the run's totals. */
export interface BatchCounts {
  targeted: number
  sent: number
  holdout: number
  capped: number
  overBudget: number
  coupons: number
}

export const couponsPage = '/benefits/pages/list/index'

/**
 * One batch of a campaign, in the caller's transaction, in a handful of statements however large: the decisions
 * (decideCampaignBatch), then for the members decided 'sent' their arm's coupon (claimCouponBatch, the benefits'
 * own coupon writer) and their arm's message (enqueueMessages, the outreach door's rules), each set-based.
 */
export async function sendCampaignBatch(
  trx: Transaction<Database>,
  input: {
    campaign: SendingCampaign
    members: { id: string; nickname: string; tier_key: string | null }[]
    program: PublishedProgram
    settings: EngagementSettings
    now: Date
    today: string
  },
): Promise<BatchCounts> {
  const { campaign, program, settings, now, today } = input
  const variantOf = (arm: 'A' | 'B') => campaign.variants[arm === 'A' ? 0 : 1]
  const decisions = await decideCampaignBatch(trx, {
    campaignId: campaign.id,
    memberIds: input.members.map((m) => m.id),
    holdoutPercent: campaign.holdoutPercent,
    couponArms: { A: campaign.variants[0].coupon !== null, B: campaign.variants[1]?.coupon != null },
    variants: campaign.variants.length === 2 ? 2 : 1,
    settings,
    now,
    businessDay: today,
  })
  const members = new Map(input.members.map((m) => [m.id, m]))
  const counts: BatchCounts = {
    targeted: input.members.length,
    sent: 0,
    holdout: 0,
    capped: 0,
    overBudget: 0,
    coupons: 0,
  }
  const sent = decisions.filter((d) => d.outcome === 'sent')
  for (const d of decisions) {
    if (d.outcome === 'holdout') counts.holdout += 1
    if (d.outcome === 'capped') counts.capped += 1
    if (d.outcome === 'over_budget') counts.overBudget += 1
  }
  counts.sent = sent.length
  const prepared = sent.map((d) => {
    const member = members.get(d.memberId)
    const tier = tierByKey(program.rules, member?.tier_key ?? program.rules.tiers[0].key)
    const variant = variantOf(d.arm as 'A' | 'B')
    const values: Record<string, string> = { 会员昵称: member?.nickname || '会员', 等级: tier.name }
    if (variant.coupon) {
      values.优惠券 = variant.coupon.name
      values.券有效期至 = addDays(today, variant.coupon.validDays - 1)
    }
    return { d, tier, variant, values }
  })
  // The arms' coupons: a benefit_claims row each (keyed by the campaign, period 'once') and the coupon, for the
  // whole batch in three multi-row inserts.
  const couponed = prepared.filter((p) => p.variant.coupon)
  await claimCouponBatch(
    trx,
    { key: campaign.id, periodKey: 'once', program, today, now },
    couponed.map(({ d, tier, variant }) => ({
      memberId: d.memberId,
      tierKey: tier.key,
      grant: { coupons: [{ ...(variant.coupon as CouponOffer), kind: 'cash_off' as const, count: 1 }] },
    })),
  )
  counts.coupons = couponed.length
  await enqueueMessages(
    trx,
    prepared.map(({ d, variant, values }) => ({
      sendId: d.sendId,
      memberId: d.memberId,
      category: campaign.category,
      title: renderCopy(variant.copy.title, values),
      body: renderCopy(variant.copy.body, values),
      page: variant.coupon ? couponsPage : null,
      values,
      settings,
      now,
      calendar: program.rules.calendar,
    })),
  )
  return counts
}
