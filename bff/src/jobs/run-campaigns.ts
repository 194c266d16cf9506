import { businessDayOf, SegmentFilter } from '@mc/shared'
import type { Kysely } from 'kysely'
import { campaignVariants } from '../automation/campaigns/campaign-view'
import { planCampaignBatch, type BatchCounts } from '../automation/campaigns/plan-campaign-batch'
import { segmentMembers } from '../automation/segments/segment-query'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { readEngagementSettings } from '../outreach/engagement-settings'
import { publishedProgram } from '../program/published-program'
import { acquireLease, releaseLease } from './job-lease'

const job = 'campaigns'
const leaseMs = 5 * 60_000
export const campaignBatchSize = 5000

/** Test seams: a smaller batch, and a hook inside each batch's transaction after its work (a throw is a crash). */
export interface CampaignJobHooks {
  batchSize?: number
  beforeCommit?: (campaignId: string, batch: number) => Promise<void>
}

export type CampaignsJobResult =
  | { ran: true; campaigns: string[]; totals: BatchCounts }
  | { ran: false; reason: 'lease_held_elsewhere' }

/**
 * Plans every campaign whose time has come (scheduled_at ≤ now), under the 'campaigns' lease: the campaign turns
 * 'sending', its segment is evaluated now and walked in member id order from `planned_through`, a batch of decisions
 * per transaction that also advances `planned_through` and the counts, so a run killed at any point resumes after the
 * last committed batch and nobody is decided twice (the dedupe key would refuse it anyway). Then 'done': every
 * message is decided and queued behind the campaign's delivery cursor, which the outbox drain moves
 * (deliverCampaigns), writing the coupons and messages at the inbox's rate.
 */
export async function runCampaigns(
  deps: Pick<Deps, 'db' | 'logger'>,
  now: Date,
  holder: string,
  hooks: CampaignJobHooks = {},
): Promise<CampaignsJobResult> {
  const { db } = deps
  if (!(await acquireLease(db, job, holder, now, leaseMs))) return { ran: false, reason: 'lease_held_elsewhere' }
  const totals: BatchCounts = { targeted: 0, sent: 0, holdout: 0, capped: 0, overBudget: 0, coupons: 0 }
  const campaigns: string[] = []
  try {
    const due = await db
      .selectFrom('campaigns')
      .select('id')
      .where('status', 'in', ['scheduled', 'sending'])
      .where('scheduled_at', '<=', now.toISOString())
      .orderBy('scheduled_at')
      .orderBy('id')
      .execute()
    const started = performance.now()
    const renew = () => acquireLease(db, job, holder, new Date(now.getTime() + performance.now() - started), leaseMs)
    for (const { id } of due) {
      const counts = await runCampaign(db, id, now, renew, hooks)
      if (counts === null) return { ran: false, reason: 'lease_held_elsewhere' }
      for (const key of Object.keys(totals) as (keyof BatchCounts)[]) totals[key] += counts[key]
      campaigns.push(id)
      deps.logger.info({ campaign: id, ...counts }, 'campaign sent')
    }
    return { ran: true, campaigns, totals }
  } finally {
    await releaseLease(db, job, holder)
  }
}

/** One campaign to the end; null when the lease was lost (another instance carries on from planned_through). */
async function runCampaign(
  db: Kysely<Database>,
  id: string,
  now: Date,
  renew: () => Promise<boolean>,
  hooks: CampaignJobHooks,
): Promise<BatchCounts | null> {
  await db
    .updateTable('campaigns')
    .set({ status: 'sending', started_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .execute()
  const row = await db
    .selectFrom('campaigns')
    .innerJoin('segments', 'segments.id', 'campaigns.segment_id')
    .select(['campaigns.category', 'campaigns.variants', 'campaigns.holdout_percent', 'campaigns.planned_through'])
    .select('segments.filter')
    .where('campaigns.id', '=', id)
    .executeTakeFirstOrThrow()
  const campaign = {
    id,
    category: row.category as never,
    variants: campaignVariants(row.variants),
    holdoutPercent: row.holdout_percent,
  }
  const program = await publishedProgram(db)
  const settings = await readEngagementSettings(db)
  const today = businessDayOf(now, program.rules.calendar)
  const members = segmentMembers(db, SegmentFilter.parse(JSON.parse(row.filter)), { rules: program.rules, today })
  const totals: BatchCounts = { targeted: 0, sent: 0, holdout: 0, capped: 0, overBudget: 0, coupons: 0 }
  let after = row.planned_through
  for (let batch = 0; ; batch += 1) {
    if (!(await renew())) return null
    const page = await members
      .select('m.id')
      .$if(after !== null, (q) => q.where('m.id', '>', after as string))
      .orderBy('m.id')
      .limit(hooks.batchSize ?? campaignBatchSize)
      .execute()
    if (page.length === 0) break
    const last = page[page.length - 1].id
    const counts = await db.transaction().execute(async (trx) => {
      const memberIds = page.map((m) => m.id)
      const counts = await planCampaignBatch(trx, { campaign, memberIds, settings, now, today })
      // Advancing from the place this batch started: a second runner that got here first makes this match nothing,
      // and the batch rolls back instead of being planned twice.
      const moved = await trx
        .updateTable('campaigns')
        .set((eb) => ({
          planned_through: last,
          targeted: eb('targeted', '+', page.length),
          messages_planned: eb('messages_planned', '+', counts.sent),
        }))
        .where('id', '=', id)
        .where((eb) => (after === null ? eb('planned_through', 'is', null) : eb('planned_through', '=', after)))
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) !== 1) throw new Error(`campaign ${id} was advanced by another runner`)
      await hooks.beforeCommit?.(id, batch)
      return counts
    })
    for (const key of Object.keys(totals) as (keyof BatchCounts)[]) totals[key] += counts[key]
    after = last
  }
  await db
    .updateTable('campaigns')
    .set({ status: 'done', finished_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute()
  return totals
}
