import { addDays } from '@mc/shared'
import { sql } from 'kysely'
import { daysFromTo, num, type SnapshotDay, tierHistory } from './snapshot-day-context'
import { tierCounts } from './tier-snapshot'

export const matrixPeriods = [30, 90, 365] as const

/**
 * Tier at the end of the day `period` days back → tier at the end of this day, for every member. Only members with a
 * tier change inside the period can have moved: they go from where their first change in it started ('' when it was
 * their join) to where their last one ended. Everyone else stayed, so the diagonal is the day's count less the
 * movers who ended in that tier, and each row adds up to the tier's count at the start of the period.
 */
export async function snapshotTierMatrix(s: SnapshotDay): Promise<void> {
  const counts = await tierCounts(s)
  const movers = await moversByPeriod(s)
  for (const period of matrixPeriods) {
    const cells = new Map<string, { from: string; to: string; members: number }>()
    const stayed = new Map(counts)
    for (const row of movers.filter((m) => num(m.period_days) === period)) {
      const members = num(row.members)
      cells.set(`${row.from_key}\u0000${row.to_key}`, { from: row.from_key, to: row.to_key, members })
      stayed.set(row.to_key, (stayed.get(row.to_key) ?? 0) - members)
    }
    for (const [tier, members] of stayed) {
      const cell = cells.get(`${tier}\u0000${tier}`)
      if (cell) cell.members += members
      else cells.set(`${tier}\u0000${tier}`, { from: tier, to: tier, members })
    }
    const values = [...cells.values()]
      .filter((c) => c.members !== 0)
      .map((c) => ({ business_day: s.day, period_days: period, from_key: c.from, to_key: c.to, members: c.members }))
    if (values.length > 0) await s.trx.insertInto('snapshot_tier_matrix').values(values).execute()
  }
}

/**
 * Members with a change inside each period, by where their first change in it came from and where their last one
 * went, in one ordered pass over the year's changes: a member's changes within 30 or 90 days are their last n30 or
 * n90 changes of the year, so the first of them is at position n − n30 + 1.
 */
async function moversByPeriod(s: SnapshotDay) {
  const { rows } = await sql<{ period_days: unknown; from_key: string; to_key: string; members: unknown }>`
    with ranked as (
      select member_id, to_key,
        case when kind = 'join' then '' else coalesce(from_key, '') end as from_eff,
        row_number() over in_order as pos,
        count(*) over by_member as n,
        sum(case when business_day > ${addDays(s.day, -90)} then 1 else 0 end) over by_member as n90,
        sum(case when business_day > ${addDays(s.day, -30)} then 1 else 0 end) over by_member as n30
      from ${tierHistory(s)} where business_day > ${addDays(s.day, -365)} and business_day <= ${s.day}
      window in_order as (partition by member_id order by business_day, created_at, id),
        by_member as (partition by member_id)
    ),
    ends as materialized (
      select member_id, max(n90) as n90, max(n30) as n30,
        max(case when pos = n then to_key end) as to_key,
        max(case when pos = 1 then from_eff end) as from365,
        max(case when n90 > 0 and pos = n - n90 + 1 then from_eff end) as from90,
        max(case when n30 > 0 and pos = n - n30 + 1 then from_eff end) as from30
      from ranked where pos = 1 or pos = n or pos = n - n90 + 1 or pos = n - n30 + 1
      group by member_id
    )
    select 365 as period_days, from365 as from_key, to_key, count(*) as members from ends group by from365, to_key
    union all
    select 90, from90, to_key, count(*) from ends where n90 > 0 group by from90, to_key
    union all
    select 30, from30, to_key, count(*) from ends where n30 > 0 group by from30, to_key`.execute(s.trx)
  return rows
}

/**
 * Median days to reach a tier, over the upgrades of the 365 days to the day: from the day the member entered the tier
 * they left (their change before it, retains aside, which only extend a tier), and from their join ('' as from; a
 * join is always a member's first change). The median is the lower middle value when the count is even, so it is
 * always a day count that happened.
 */
export async function snapshotTierTiming(s: SnapshotDay): Promise<void> {
  const since = addDays(s.day, -365)
  await sql`
    insert into snapshot_tier_timing (business_day, from_key, to_key, median_days, members)
    with history as (
      select kind, from_key, to_key, business_day,
        lag(business_day) over in_order as entered_day,
        first_value(case when kind = 'join' then business_day end) over in_order as joined_day
      from ${tierHistory(s)}
      where kind <> 'retain' and business_day <= ${s.day} and member_id in (
        select member_id from ${tierHistory(s)}
        where kind = 'upgrade' and business_day > ${since} and business_day <= ${s.day})
      window in_order as (partition by member_id order by business_day, created_at, id)
    ),
    waits as (
      select from_key, to_key, ${daysFromTo(s, sql`entered_day`, sql`business_day`)} as days from history
      where kind = 'upgrade' and business_day > ${since} and entered_day is not null
      union all
      select '', to_key, ${daysFromTo(s, sql`joined_day`, sql`business_day`)} from history
      where kind = 'upgrade' and business_day > ${since} and joined_day is not null
    )
    select ${s.day}, from_key, to_key, days, counted from (
      select from_key, to_key, days,
        row_number() over (partition by from_key, to_key order by days) as pos,
        count(*) over (partition by from_key, to_key) as counted
      from waits
    ) ranked
    where pos = (counted + 1) / 2`.execute(s.trx)
}
