import {
  CampaignVariant,
  deliveryMinutesLeft,
  type CampaignView,
  type DeliveringCampaign,
  type MessageCategory,
} from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import type { CampaignsTable, Database } from '../../db/schema'

/**
 * The campaigns with messages waiting for the outbox drain, in the order it takes them (deliverCampaigns): what a
 * campaign's minutes left count through. A handful of rows at most, however large the campaigns.
 */
export async function deliveryQueue(db: Kysely<Database>): Promise<DeliveringCampaign[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select(['id', 'messages_planned', 'messages_delivered'])
    .whereRef('messages_delivered', '<', 'messages_planned')
    .orderBy('scheduled_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({ id: row.id, waiting: row.messages_planned - row.messages_delivered }))
}

/**
 * A campaign row and its segment's name as the console reads it, with the drain's queue for its minutes left. A
 * campaign whose plan is done but some of whose messages the outbox drain has still to write is shown as still
 * sending (by the counts, so its badge and its 全部送达 agree even before the cursor steps over trailing holdouts).
 */
export function campaignFromRow(
  row: Selectable<CampaignsTable> & { segment_name: string },
  queue: readonly DeliveringCampaign[],
): CampaignView {
  const delivering = row.status === 'done' && Number(row.messages_delivered) < Number(row.messages_planned)
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
    messages: {
      planned: Number(row.messages_planned),
      delivered: Number(row.messages_delivered),
      // While the plan is still walking the segment (or has not begun) its end is not known yet.
      minutesLeft: row.status === 'sending' || row.status === 'scheduled' ? null : deliveryMinutesLeft(queue, row.id),
    },
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
