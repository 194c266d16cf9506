import { AppError, newId, SegmentFilter, type CampaignBody, type CampaignPage, type CampaignView } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../../audit/audit'
import { cursorPage } from '../../db/cursor-page'
import type { Database } from '../../db/schema'
import { countSegment } from '../segments/preview-segment'
import { segmentContext } from '../segments/segments'
import { campaignFromRow, deliveryQueue, expectedCoupons } from './campaign-view'

const withSegment = (db: Kysely<Database>) =>
  db
    .selectFrom('campaigns')
    .innerJoin('segments', 'segments.id', 'campaigns.segment_id')
    .selectAll('campaigns')
    .select('segments.name as segment_name')

/**
 * Schedules a campaign (null `scheduledAt` is now: the next job run sends it). Refused when the segment is unknown
 * or archived, when the time is already past, or — unless the merchant accepted stopping at the budget — when the
 * segment's members now, times the treated share, would take more coupons than the budget. Audited.
 */
export async function createCampaign(
  db: Kysely<Database>,
  body: CampaignBody,
  actor: string,
  now: Date,
): Promise<CampaignView> {
  const segment = await db
    .selectFrom('segments')
    .select(['id', 'filter'])
    .where('id', '=', body.segmentId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (!segment) throw new AppError('CAMPAIGN_SEGMENT_MISSING', { segmentId: body.segmentId })
  const scheduledAt = body.scheduledAt === null ? now : new Date(body.scheduledAt)
  if (scheduledAt.getTime() < now.getTime())
    throw new AppError('CAMPAIGN_SCHEDULE_PAST', { scheduledAt: scheduledAt.toISOString(), now: now.toISOString() })
  if (body.budgetCoupons !== null && !body.stopAtBudget && body.variants.some((v) => v.coupon !== null)) {
    const members = await countSegment(
      db,
      SegmentFilter.parse(JSON.parse(segment.filter)),
      await segmentContext(db, now),
    )
    const expected = expectedCoupons(members, body.holdoutPercent, body.variants)
    if (expected > body.budgetCoupons)
      throw new AppError('CAMPAIGN_OVER_BUDGET', { expected, budget: body.budgetCoupons })
  }
  const id = newId('cmp', now.getTime())
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaigns')
      .values({
        id,
        name: body.name,
        segment_id: body.segmentId,
        category: body.category,
        variants: JSON.stringify(body.variants),
        holdout_percent: body.holdoutPercent,
        budget_coupons: body.budgetCoupons,
        stop_at_budget: body.stopAtBudget ? 1 : 0,
        status: 'scheduled',
        scheduled_at: scheduledAt.toISOString(),
        planned_through: null,
        messages_planned: 0,
        messages_delivered: 0,
        targeted: 0,
        coupons_issued: 0,
        created_by: actor,
        created_at: now.toISOString(),
        started_at: null,
        finished_at: null,
      })
      .execute()
    await audit(trx, { actor, action: 'campaign.create', targetType: 'campaign', targetId: id, detail: body, now })
  })
  return getCampaign(db, id)
}

export async function getCampaign(db: Kysely<Database>, id: string): Promise<CampaignView> {
  const row = await withSegment(db).where('campaigns.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('CAMPAIGN_NOT_FOUND', { id })
  return campaignFromRow(row, await deliveryQueue(db))
}

export async function listCampaigns(
  db: Kysely<Database>,
  query: { cursor?: string; limit: number },
): Promise<CampaignPage> {
  let select = withSegment(db)
  if (query.cursor !== undefined) select = select.where('campaigns.id', '<', query.cursor)
  const rows = await select
    .orderBy('campaigns.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  const queue = await deliveryQueue(db)
  return { campaigns: page.map((row) => campaignFromRow(row, queue)), nextCursor }
}

/** Only a campaign still waiting for its time can be cancelled: one sending has already reached members. */
export async function cancelCampaign(
  db: Kysely<Database>,
  id: string,
  actor: string,
  now: Date,
): Promise<CampaignView> {
  await getCampaign(db, id)
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('campaigns')
      .set({ status: 'cancelled', finished_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 0) throw new AppError('CAMPAIGN_NOT_CANCELLABLE', { id })
    await audit(trx, { actor, action: 'campaign.cancel', targetType: 'campaign', targetId: id, detail: {}, now })
  })
  return getCampaign(db, id)
}
