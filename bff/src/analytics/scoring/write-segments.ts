import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { DaySql } from './day-sql'

/**
 * Day `day`'s members per segment × current tier (from `member_tiers`; '' for a member without one) with their
 * summed window spend and CLV: RFM group ('none' without an order in the window), lifecycle stage, and every tag.
 * Reads the `member_insights` and `member_tags` just written, so it runs after them.
 */
export async function writeSegments(db: Kysely<Database>, day: string): Promise<void> {
  await db.deleteFrom('snapshot_segments').where('business_day', '=', day).execute()
  // One pass over the members groups them by (RFM group, lifecycle, tier) — a few hundred groups — and both
  // dimensions are summed from that, so a million members are sorted once, not once per dimension.
  await sql`
    with base as materialized (
      select coalesce(mi.rfm_group, 'none') as rfm, mi.lifecycle, coalesce(mt.tier_key, '') as tier_key,
        count(*) as members, sum(mi.monetary_fen) as monetary_fen, sum(mi.clv_fen) as clv_fen
      from member_insights mi left join member_tiers mt on mt.member_id = mi.member_id
      group by coalesce(mi.rfm_group, 'none'), mi.lifecycle, coalesce(mt.tier_key, '')
    )
    insert into snapshot_segments (business_day, dimension, segment, tier_key, members, monetary_fen, clv_fen)
    select ${day}, 'rfm', rfm, tier_key, sum(members), sum(monetary_fen), sum(clv_fen)
    from base group by rfm, tier_key
    union all
    select ${day}, 'lifecycle', lifecycle, tier_key, sum(members), sum(monetary_fen), sum(clv_fen)
    from base group by lifecycle, tier_key
    union all
    select ${day}, 'tag', tg.tag, coalesce(mt.tier_key, ''), count(*), sum(mi.monetary_fen), sum(mi.clv_fen)
    from member_tags tg
    join member_insights mi on mi.member_id = tg.member_id
    left join member_tiers mt on mt.member_id = tg.member_id
    group by tg.tag, coalesce(mt.tier_key, '')
  `.execute(db)
}

/**
 * Each store's join cohorts by join day as known on `day` (rewritten whole): joins, members with a first order by
 * then, and those who ordered again within 30 days of their first order. Members whose join named a store only.
 */
export async function writeOutletCohorts(db: Kysely<Database>, day: string, days: DaySql): Promise<void> {
  await db.deleteFrom('snapshot_outlet_cohorts').execute()
  await sql`
    insert into snapshot_outlet_cohorts (outlet_id, join_day, as_of_day, joins, first_orders, repurchased_30d)
    select outlet_id, join_day, ${day}, count(*), sum(ordered), sum(repurchased_30d)
    from (
      select m.source_outlet_id as outlet_id, ${days.dayOf(sql.ref('m.joined_at'))} as join_day,
        case when mi.first_order_day is null then 0 else 1 end as ordered, mi.repurchased_30d
      from members m join member_insights mi on mi.member_id = m.id
      where m.source_outlet_id is not null
    ) c
    group by outlet_id, join_day
  `.execute(db)
}
