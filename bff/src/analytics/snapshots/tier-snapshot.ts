import { addDays } from '@mc/shared'
import { sql } from 'kysely'
import { num, type SnapshotDay } from './snapshot-day-context'

/**
 * Members per tier at the end of the day. With the day before snapshotted, that count moves by the day's changes
 * alone (each changed member leaves the tier their first change of the day came from and joins the one their last
 * change went to), which reads one day of tier history instead of all of it; otherwise every member's last change
 * up to the day is found.
 */
export async function snapshotTierMembers(s: SnapshotDay): Promise<void> {
  const before = addDays(s.day, -1)
  const previous = await s.trx
    .selectFrom('snapshot_days')
    .select('business_day')
    .where('business_day', '=', before)
    .executeTakeFirst()
  if (!previous) {
    await sql`
      insert into snapshot_tier_members (business_day, tier_key, members)
      select ${s.day}, to_key, count(*) from (
        select to_key, row_number() over (
          partition by member_id order by business_day desc, created_at desc, id desc) as latest
        from tier_changes where business_day <= ${s.day}
      ) last_changes
      where latest = 1
      group by to_key`.execute(s.trx)
    return
  }
  await sql`
    insert into snapshot_tier_members (business_day, tier_key, members)
    select ${s.day}, tier_key, sum(delta) from (
      select tier_key, members as delta from snapshot_tier_members where business_day = ${before}
      union all
      select from_key, -1 from (
        select kind, from_key, row_number() over (partition by member_id order by created_at, id) as pos
        from tier_changes where business_day = ${s.day}
      ) firsts where pos = 1 and kind <> 'join' and from_key is not null
      union all
      select to_key, 1 from (
        select to_key, row_number() over (partition by member_id order by created_at desc, id desc) as pos
        from tier_changes where business_day = ${s.day}
      ) lasts where pos = 1
    ) moves
    group by tier_key
    having sum(delta) <> 0`.execute(s.trx)
}

/**
 * The day's tier changes by kind, from and to. A change written by publishing rules (same version and instant as
 * the publication) is a 'rule_publish', whatever direction it went, so rule changes are told apart from members
 * earning or losing their tiers.
 */
export async function snapshotTierMoves(s: SnapshotDay): Promise<void> {
  await sql`
    insert into snapshot_tier_moves (business_day, kind, from_key, to_key, members)
    select ${s.day}, move_kind, move_from, to_key, count(*) from (
      select
        case when tc.kind <> 'join' and pv.version is not null then 'rule_publish' else tc.kind end as move_kind,
        coalesce(tc.from_key, '') as move_from, tc.to_key
      from tier_changes tc
      left join program_versions pv on pv.version = tc.rule_version and pv.published_at = tc.created_at
      where tc.business_day = ${s.day}
    ) moves
    group by move_kind, move_from, to_key`.execute(s.trx)
}

/** The tier counts just written for the day, by tier key. */
export async function tierCounts(s: SnapshotDay, day = s.day): Promise<Map<string, number>> {
  const rows = await s.trx
    .selectFrom('snapshot_tier_members')
    .select(['tier_key', 'members'])
    .where('business_day', '=', day)
    .execute()
  return new Map(rows.map((r) => [r.tier_key, num(r.members)]))
}
