import {
  addDays,
  campaignMessagesPerMinute,
  renderCopy,
  tierByKey,
  type CouponOffer,
  type EngagementSettings,
  type MessageCategory,
} from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { claimCouponBatch } from '../../benefits/issue-coupon-batch'
import type { Database } from '../../db/schema'
import { enqueueMessages } from '../../outreach/enqueue-messages'
import { publishedProgram, type PublishedProgram } from '../../program/published-program'
import { campaignVariants } from './campaign-view'

export const couponsPage = '/benefits/pages/list/index'

/** Campaign messages written per transaction: one read of the decisions, three coupon and two message inserts. */
export const campaignDeliveryChunk = 1000

/**
 * Writes the coupons and messages of planned campaign decisions, at most `limit` messages: the campaign's `sent`
 * decisions after its `delivered_through` cursor (member id order, which is the order they were planned in), up to
 * `planned_through`, a chunk per transaction that first moves the cursor by compare-and-set, so two drains never
 * deliver a chunk twice and a drain killed mid-chunk leaves it to the next. Each member gets their arm's coupon
 * (claimCouponBatch, valid from now through the days the campaign gave, counted from its decision's day) and
 * their arm's copy rendered with their nickname and tier as they are now, on every channel enqueueMessages allows now
 * (mutes and subscriptions at the moment of delivery, quiet hours too). Returns how many messages it delivered.
 */
export async function deliverCampaigns(
  db: Kysely<Database>,
  settings: EngagementSettings,
  now: Date,
  // A call at this rate stays well inside the outbox lease on either engine.
  limit = campaignMessagesPerMinute,
  /** Test seam: runs inside each chunk's transaction after its writes (a throw is a crash before the commit). */
  beforeCommit?: (campaignId: string, chunk: number) => Promise<void>,
): Promise<number> {
  const due = await db
    .selectFrom('campaigns')
    .select('id')
    .where('planned_through', 'is not', null)
    .where((eb) =>
      eb.or([eb('delivered_through', 'is', null), eb('delivered_through', '<', eb.ref('planned_through'))]),
    )
    .orderBy('scheduled_at')
    .orderBy('id')
    .execute()
  if (due.length === 0) return 0
  const program = await publishedProgram(db)
  let delivered = 0
  for (const { id } of due) {
    for (let n = 0; delivered < limit; n += 1) {
      const size = Math.min(campaignDeliveryChunk, limit - delivered)
      const chunk = await db.transaction().execute(async (trx) => {
        const written = await deliverChunk(trx, id, { program, settings, now }, size)
        if (written !== null) await beforeCommit?.(id, n)
        return written
      })
      if (chunk === null) break
      delivered += chunk
    }
  }
  return delivered
}

interface Delivery {
  program: PublishedProgram
  settings: EngagementSettings
  now: Date
}

/**
 * The next `size` `sent` decisions of a campaign behind its cursor, delivered; null when there is nothing left to
 * move (all delivered, or another drain moved the cursor first), else how many messages were written.
 */
async function deliverChunk(
  trx: Transaction<Database>,
  campaignId: string,
  delivery: Delivery,
  size: number,
): Promise<number | null> {
  const { program, settings, now } = delivery
  const campaign = await trx
    .selectFrom('campaigns')
    .select(['category', 'variants', 'planned_through', 'delivered_through'])
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow()
  const after = campaign.delivered_through
  const through = campaign.planned_through
  if (through === null) return null
  const variants = campaignVariants(campaign.variants)
  const sends = await nextSends(trx, campaignId, variants.length, after, through, size)
  // Fewer than asked: everything planned so far is behind the cursor (held-out, capped and over-budget included).
  const next = sends.length === size ? sends[size - 1].member_id : through
  if (next === after) return null
  const moved = await trx
    .updateTable('campaigns')
    .set((eb) => ({ delivered_through: next, messages_delivered: eb('messages_delivered', '+', sends.length) }))
    .where('id', '=', campaignId)
    .where((eb) => (after === null ? eb('delivered_through', 'is', null) : eb('delivered_through', '=', after)))
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) return null
  if (sends.length === 0) return 0
  const members = await trx
    .selectFrom('members as m')
    .leftJoin('member_tiers as t', 't.member_id', 'm.id')
    .select(['m.id', 'm.nickname', 't.tier_key'])
    .where(
      'm.id',
      'in',
      sends.map((s) => s.member_id),
    )
    .execute()
  const memberOf = new Map(members.map((m) => [m.id, m]))
  const prepared = sends.map((send) => {
    const member = memberOf.get(send.member_id)
    const tier = tierByKey(program.rules, member?.tier_key ?? program.rules.tiers[0].key)
    const variant = variants[send.arm === 'B' ? 1 : 0]
    const values: Record<string, string> = { 会员昵称: member?.nickname || '会员', 等级: tier.name }
    if (variant.coupon) {
      values.优惠券 = variant.coupon.name
      values.券有效期至 = addDays(send.business_day, variant.coupon.validDays - 1)
    }
    return { send, tier, variant, values }
  })
  // The arms' coupons: a benefit_claims row each (keyed by the campaign, period 'once'), whose uniqueness is the
  // last word on a member getting a campaign's coupon once. Their days count from the decision's business day, as
  // the campaign promised when it was sent (and as the results match claims to decisions), however late the drain.
  const couponed = prepared.filter((p) => p.variant.coupon)
  for (const day of new Set(couponed.map((p) => p.send.business_day))) {
    await claimCouponBatch(
      trx,
      { key: campaignId, periodKey: 'once', program, today: day, now },
      couponed
        .filter((p) => p.send.business_day === day)
        .map(({ send, tier, variant }) => ({
          memberId: send.member_id,
          tierKey: tier.key,
          grant: { coupons: [{ ...(variant.coupon as CouponOffer), kind: 'cash_off' as const, count: 1 }] },
        })),
    )
  }
  await enqueueMessages(
    trx,
    prepared.map(({ send, variant, values }) => ({
      sendId: send.id,
      memberId: send.member_id,
      category: campaign.category as MessageCategory,
      title: renderCopy(variant.copy.title, values),
      body: renderCopy(variant.copy.body, values),
      page: variant.coupon ? couponsPage : null,
      values,
      settings,
      now,
      calendar: program.rules.calendar,
    })),
  )
  return sends.length
}

/**
 * The first `size` `sent` decisions of the campaign with member ids in (after, through], in member id order: each
 * arm read by the (source, arm, member) index in order and limited, then merged by the database, so its own ordering
 * of ids is the one the cursor compares with.
 */
async function nextSends(
  trx: Transaction<Database>,
  campaignId: string,
  arms: number,
  after: string | null,
  through: string,
  size: number,
) {
  const arm = (name: 'A' | 'B') =>
    trx
      .selectFrom('engagement_sends')
      .select(['id', 'member_id', 'arm', 'business_day'])
      .where('source_type', '=', 'campaign')
      .where('source_id', '=', campaignId)
      .where('arm', '=', name)
      .$if(after !== null, (q) => q.where('member_id', '>', after as string))
      .where('member_id', '<=', through)
      .where('outcome', '=', 'sent')
      .orderBy('member_id')
      .limit(size)
  if (arms === 1) return arm('A').execute()
  return trx
    .selectFrom((eb) =>
      eb
        .selectFrom(arm('A').as('a'))
        .selectAll()
        .unionAll(eb.selectFrom(arm('B').as('b')).selectAll())
        .as('s'),
    )
    .selectAll()
    .orderBy('member_id')
    .limit(size)
    .execute()
}
