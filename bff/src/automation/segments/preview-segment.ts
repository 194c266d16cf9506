import { tierByKey, type SegmentFilter, type SegmentPreview } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { maskPhone } from '../../membership/member-profile'
import { checkSegmentFilter, segmentContext } from './segments'
import { segmentMembers, type SegmentContext } from './segment-query'

/** How many members a filter selects now. */
export async function countSegment(db: Kysely<Database>, filter: SegmentFilter, ctx: SegmentContext): Promise<number> {
  const row = await segmentMembers(db, filter, ctx)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * What the segment builder shows as it is edited: the count now and the first 20 members in id order (the order
 * a campaign walks them), phones masked as in the member search.
 */
export async function previewSegment(db: Kysely<Database>, filter: SegmentFilter, now: Date): Promise<SegmentPreview> {
  const ctx = await segmentContext(db, now)
  await checkSegmentFilter(db, filter, ctx.rules)
  const rows = await segmentMembers(db, filter, ctx)
    .leftJoin('member_tiers as t', 't.member_id', 'm.id')
    .leftJoin('member_insights as mi', 'mi.member_id', 'm.id')
    .leftJoin('ledger_accounts as pa', (join) => join.onRef('pa.member_id', '=', 'm.id').on('pa.ledger', '=', 'points'))
    .select(['m.id', 'm.nickname', 'm.phone', 't.tier_key', 'mi.rfm_group', 'mi.last_order_day', 'pa.balance'])
    .orderBy('m.id')
    .limit(20)
    .execute()
  return {
    count: await countSegment(db, filter, ctx),
    sample: rows.map((row) => ({
      memberId: row.id,
      nickname: row.nickname || null,
      phoneMasked: maskPhone(row.phone),
      tierName: tierByKey(ctx.rules, row.tier_key ?? ctx.rules.tiers[0].key).name,
      rfmGroup: row.rfm_group,
      pointsBalance: Number(row.balance ?? 0),
      lastOrderDay: row.last_order_day,
    })),
  }
}
