import { armFor, newId, type Arm, type EngagementSettings } from '@mc/shared'
import type { Transaction } from 'kysely'
import { bulkInsert } from '../../db/bulk-insert'
import type { Database } from '../../db/schema'
import { sendDedupeKey } from '../../outreach/decide-send'
import { sentThisWeek } from '../../outreach/decide-sends'

/** One member's decision in a campaign batch, as recorded in engagement_sends. */
export interface CampaignDecision {
  sendId: string
  dedupeKey: string
  memberId: string
  arm: Arm
  outcome: 'sent' | 'holdout' | 'capped' | 'over_budget'
}

/**
 * `decideSend` for a whole batch of a campaign in a few statements instead of three per member (a million members
 * must be planned in a minute): the same dedupe key (period 'once', so a member is decided once per campaign however
 * often the batch is redone), the same arm (`armFor`), the same weekly cap (messages sent to the member in the last
 * 7×24 h, any rule or campaign). The budget goes to the first members in id order whose arm carries a coupon, taken
 * in one compare-and-set on the campaign row, so two runners can never issue more than the budget between them.
 * Returns the decisions written (a member decided before is skipped, with the budget taken for them given back; in
 * such a batch a later member may be left over budget that the skipped one returns: never more coupons, at worst
 * fewer).
 */
export async function decideCampaignBatch(
  trx: Transaction<Database>,
  input: {
    campaignId: string
    memberIds: string[]
    holdoutPercent: number
    /** Whether variant A / B carries a coupon (and so needs budget). */
    couponArms: { A: boolean; B: boolean }
    variants: 1 | 2
    settings: EngagementSettings
    now: Date
    businessDay: string
  },
): Promise<CampaignDecision[]> {
  const { campaignId, now } = input
  const key = (memberId: string) =>
    sendDedupeKey({ sourceType: 'campaign', sourceId: campaignId, memberId, period: 'once' })
  // The weekly cap's count locks the members' rows on PostgreSQL first (see sentThisWeek), so a journey deciding
  // for one of them at the same time takes turns with this batch; held-out members need no count.
  const arms = new Map(input.memberIds.map((id) => [id, armFor(id, campaignId, input.holdoutPercent, input.variants)]))
  const treated = input.memberIds.filter((id) => arms.get(id) !== 'holdout')
  const sent = await sentThisWeek(
    trx,
    treated.map((memberId) => ({ memberId, now })),
  )
  const decisions = input.memberIds.map((memberId): CampaignDecision => {
    const arm = arms.get(memberId) as Arm
    const capped = arm !== 'holdout' && (sent.get(memberId) ?? 0) >= input.settings.frequencyCapPerWeek
    const outcome = arm === 'holdout' ? 'holdout' : capped ? 'capped' : 'sent'
    return { sendId: newId('snd', now.getTime()), dedupeKey: key(memberId), memberId, arm, outcome }
  })
  const wanting = decisions.filter((d) => d.outcome === 'sent' && input.couponArms[d.arm as 'A' | 'B'])
  const granted = wanting.length > 0 ? await takeBudget(trx, campaignId, wanting.length) : 0
  for (const d of wanting.slice(granted)) d.outcome = 'over_budget'
  const decidedAt = now.toISOString()
  // No read of the dedupe keys first: the batch starts after `planned_through`, so in a run nobody in it has been
  // decided, and the unique key skips anyone who was (a campaign whose plan was walked again by hand). A read of
  // 5,000 keys cost PostgreSQL a scan of the decisions whenever its statistics made that look cheaper.
  const written = new Set(
    await bulkInsert(
      trx,
      'engagement_sends',
      decisions.map((d) => ({
        id: d.sendId,
        source_type: 'campaign' as const,
        source_id: campaignId,
        member_id: d.memberId,
        period: 'once',
        dedupe_key: d.dedupeKey,
        arm: d.arm,
        outcome: d.outcome,
        business_day: input.businessDay,
        decided_at: decidedAt,
      })),
      { onConflictDoNothing: 'dedupe_key', returning: 'id' },
    ),
  )
  const fresh = decisions.filter((d) => written.has(d.sendId))
  // Budget taken for members decided before goes back (their coupon was counted when they were first decided).
  const unused = wanting.slice(0, granted).filter((d) => !written.has(d.sendId)).length
  if (unused > 0) await returnBudget(trx, campaignId, unused)
  return fresh
}

async function returnBudget(trx: Transaction<Database>, campaignId: string, coupons: number): Promise<void> {
  await trx
    .updateTable('campaigns')
    .set((eb) => ({ coupons_issued: eb('coupons_issued', '-', coupons) }))
    .where('id', '=', campaignId)
    .execute()
}

/**
 * Takes up to `wanted` coupons of the campaign's budget: read what is left, then add to `coupons_issued` only if it
 * has not moved meanwhile (a compare-and-set; on PostgreSQL a concurrent taker's committed update makes ours match
 * nothing, and we read again). Returns how many were taken; a campaign without a budget has none to take.
 */
async function takeBudget(trx: Transaction<Database>, campaignId: string, wanted: number): Promise<number> {
  for (;;) {
    const row = await trx
      .selectFrom('campaigns')
      .select(['coupons_issued', 'budget_coupons'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow()
    if (row.budget_coupons === null) return 0
    const issued = Number(row.coupons_issued)
    const take = Math.min(wanted, Number(row.budget_coupons) - issued)
    if (take <= 0) return 0
    const done = await trx
      .updateTable('campaigns')
      .set({ coupons_issued: issued + take })
      .where('id', '=', campaignId)
      .where('coupons_issued', '=', issued)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 1) return take
  }
}
