import { addDays, type ProgramRules } from '@mc/shared'
import { sql, type Insertable, type Kysely } from 'kysely'
import type { Database, SnapshotComparisonsTable } from '../../db/schema'

type ArmRow = Omit<Insertable<SnapshotComparisonsTable>, 'business_day'>
type Sums = { members: number; orders_sum: number; orders_sumsq: number; spend_sum: number; spend_sumsq: number }
const zero: Sums = { members: 0, orders_sum: 0, orders_sumsq: 0, spend_sum: 0, spend_sumsq: 0 }
const sumKeys = Object.keys(zero) as (keyof Sums)[]
const add = (a: Sums, b: Sums, sign = 1): Sums =>
  Object.fromEntries(sumKeys.map((k) => [k, a[k] + sign * b[k]])) as Sums

/** One arm's sums over the 30- or 90-day outcome columns of `member_insights`, named `<column>_<window>`. */
const armSums = (window: 30 | 90) =>
  sql.raw(
    `count(*) as members_${window}, sum(mi.orders_${window}d) as orders_sum_${window}, ` +
      `sum(cast(mi.orders_${window}d as double precision) * mi.orders_${window}d) as orders_sumsq_${window}, ` +
      `sum(mi.spend_${window}d_fen) as spend_sum_${window}, ` +
      `sum(cast(mi.spend_${window}d_fen as double precision) * mi.spend_${window}d_fen) as spend_sumsq_${window}`,
  )
/** The sums of one window from a row of `armSums` (PostgreSQL sends them as text). */
const sumsOf = (row: Record<string, unknown> | undefined, window: number): Sums =>
  Object.fromEntries(sumKeys.map((k) => [k, Number(row?.[`${k}_${window}`] ?? 0)])) as Sums

/**
 * Day `day`'s benefit reach and comparisons, from per-tier totals: eligibility is "the member's current tier lists
 * the benefit", so one pass over the members sums each tier, a second over the few members who used a benefit sums
 * the treated per (tier, benefit), and a benefit's control is its tiers' totals minus its treated — sums subtract
 * exactly, and no query runs once per benefit over every member.
 *
 * Benefit B, window W: treated = eligible members who used B in the 90 days up to day − W, control = the other
 * eligible members; outcome = orders and spend in the W days to `day` (the 30/90-day columns of `member_insights`).
 * Sign-in: members who signed in on day − 59 … day − 30 versus members joined by day − 60 who did not, over 30 days.
 */
export async function writeComparisons(
  db: Kysely<Database>,
  input: {
    day: string
    rules: ProgramRules
    /** Start instant of day − 59: joined before it = joined by day − 60. */
    joinedBefore: string
    /** Start instant of day + 1: the members joined before it are the ones scored (`member_insights`). */
    dayEnd: string
  },
): Promise<void> {
  const { day, rules, joinedBefore, dayEnd } = input
  await db.deleteFrom('snapshot_benefit_reach').where('business_day', '=', day).execute()
  await db.deleteFrom('snapshot_comparisons').where('business_day', '=', day).execute()
  const tiers = await sql<Record<string, unknown> & { tier_key: string }>`
    select mt.tier_key, ${armSums(30)}, ${armSums(90)}
    from member_insights mi join member_tiers mt on mt.member_id = mi.member_id
    group by mt.tier_key
  `.execute(db)
  const used = async (from: string, to: string, window: 30 | 90) =>
    (
      await sql<Record<string, unknown> & { tier_key: string; benefit_key: string }>`
        select mt.tier_key, u.benefit_key, ${armSums(window)}
        from (
          select distinct member_id, benefit_key from benefit_events
          where event = 'used' and business_day >= ${from} and business_day <= ${to}
        ) u
        join member_insights mi on mi.member_id = u.member_id
        join member_tiers mt on mt.member_id = u.member_id
        group by mt.tier_key, u.benefit_key
      `.execute(db)
    ).rows
  const arms: ArmRow[] = []
  const benefits = [...new Set(rules.tiers.flatMap((t) => t.benefits))]
  for (const window of [30, 90] as const) {
    const anchor = addDays(day, -window)
    const treatedRows = await used(addDays(anchor, -89), anchor, window)
    for (const key of benefits) {
      const eligibleTiers = rules.tiers.filter((t) => t.benefits.includes(key)).map((t) => t.key)
      let total = zero
      let treated = zero
      for (const tier of eligibleTiers) {
        total = add(
          total,
          sumsOf(
            tiers.rows.find((r) => r.tier_key === tier),
            window,
          ),
        )
        treated = add(
          treated,
          sumsOf(
            treatedRows.find((r) => r.tier_key === tier && r.benefit_key === key),
            window,
          ),
        )
      }
      arms.push(
        arm(`benefit:${key}`, window, 'treated', treated),
        arm(`benefit:${key}`, window, 'control', add(total, treated, -1)),
      )
    }
  }
  arms.push(...(await signInArms(db, day, joinedBefore)))
  await db
    .insertInto('snapshot_comparisons')
    .values(arms.map((a) => ({ business_day: day, ...a })))
    .execute()
  await writeReach(db, { day, dayEnd, rules, tiers: tiers.rows })
}

const arm = (subject: string, window: number, name: 'treated' | 'control', sums: Sums): ArmRow => ({
  subject,
  window_days: window,
  arm: name,
  ...sums,
})

async function signInArms(db: Kysely<Database>, day: string, joinedBefore: string): Promise<ArmRow[]> {
  const rows = await sql<Record<string, unknown> & { treated: number }>`
    select case when s.member_id is null then 0 else 1 end as treated, ${armSums(30)}
    from member_insights mi
    join members m on m.id = mi.member_id
    left join (
      select distinct member_id from sign_ins
      where business_day >= ${addDays(day, -59)} and business_day <= ${addDays(day, -30)}
    ) s on s.member_id = mi.member_id
    where s.member_id is not null or m.joined_at < ${joinedBefore}
    group by case when s.member_id is null then 0 else 1 end
  `.execute(db)
  const of = (treated: number) =>
    sumsOf(
      rows.rows.find((r) => Number(r.treated) === treated),
      30,
    )
  return [arm('sign_in', 30, 'treated', of(1)), arm('sign_in', 30, 'control', of(0))]
}

/** Eligible members per benefit (its tiers' members), and those of them who claimed / used it in the 90 days. */
async function writeReach(
  db: Kysely<Database>,
  input: {
    day: string
    dayEnd: string
    rules: ProgramRules
    tiers: (Record<string, unknown> & { tier_key: string })[]
  },
) {
  const { day, dayEnd, rules, tiers } = input
  // The scored members are read from `members` rather than from `member_insights`, whose million rows the scoring
  // has just rewritten: probing those (dead versions included) cost twice the whole statement (2.5 s against 4.9).
  const events = await sql<{ tier_key: string; benefit_key: string; claimers: unknown; users: unknown }>`
    select mt.tier_key, e.benefit_key, sum(e.claimed) as claimers, sum(e.used) as users
    from (
      select member_id, benefit_key, max(case when event = 'claimed' then 1 else 0 end) as claimed,
        max(case when event = 'used' then 1 else 0 end) as used
      from benefit_events where business_day >= ${addDays(day, -89)} and business_day <= ${day}
      group by member_id, benefit_key
    ) e
    join members m on m.id = e.member_id and m.joined_at < ${dayEnd}
    join member_tiers mt on mt.member_id = e.member_id
    group by mt.tier_key, e.benefit_key
  `.execute(db)
  const rows = [...new Set(rules.tiers.flatMap((t) => t.benefits))].map((key) => {
    const eligibleTiers = rules.tiers.filter((t) => t.benefits.includes(key)).map((t) => t.key)
    const of = (tier: string) => events.rows.find((r) => r.tier_key === tier && r.benefit_key === key)
    const sum = (f: (tier: string) => number) => eligibleTiers.reduce((s, tier) => s + f(tier), 0)
    return {
      business_day: day,
      benefit_key: key,
      eligible: sum(
        (tier) =>
          sumsOf(
            tiers.find((r) => r.tier_key === tier),
            30,
          ).members,
      ),
      claimers_90d: sum((tier) => Number(of(tier)?.claimers ?? 0)),
      users_90d: sum((tier) => Number(of(tier)?.users ?? 0)),
    }
  })
  if (rows.length > 0) await db.insertInto('snapshot_benefit_reach').values(rows).execute()
}
