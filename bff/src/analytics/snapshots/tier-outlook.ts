import { addDays, businessDayStart } from '@mc/shared'
import { sql } from 'kysely'
import { num, type SnapshotDay } from './snapshot-day-context'

/** Share of the next tier's threshold from which a member counts as near it (within 20%), as a fraction 4/5. */
const nearNumerator = 4
const nearDenominator = 5
const riskWindowDays = 30

/**
 * The nightly run's look ahead, per tier: members within 20% of the next tier's threshold, and members whose
 * validity ends in the next 30 days while their counted growth, less the growth lots that lapse by then, is below
 * the tier's retain threshold. Both read today's tiers, lots and balances, which only the nightly run has for its
 * day, so backfilled days leave them null. The top tier has no next tier: its near_next stays null.
 */
export async function snapshotTierOutlook(s: SnapshotDay): Promise<void> {
  const { tiers, calendar } = s.program.rules
  const lastRiskDay = addDays(s.day, riskWindowDays)
  const nearAt = tiers.slice(0, -1).map((tier, i) => sql`when ${tier.key} then ${sql.lit(tiers[i + 1].threshold)}`)
  const retainAt = tiers.map((tier) => sql`when ${tier.key} then ${sql.lit(tier.retainThreshold)}`)
  // A lot lapses before validity ends when it expires before the first instant after the last valid day.
  const cutoffs = Array.from({ length: riskWindowDays + 1 }, (_, i) => addDays(s.day, i)).map(
    (day) => sql`when ${day} then ${businessDayStart(addDays(day, 1), calendar).toISOString()}`,
  )
  const { rows } = await sql<{ tier_key: string; near_next: unknown; at_risk: unknown }>`
    select mt.tier_key,
      sum(case when ${sql.lit(nearDenominator)} * coalesce(a.balance, 0)
        >= ${sql.lit(nearNumerator)} * (case mt.tier_key ${sql.join(nearAt, sql` `)} end)
        then 1 else 0 end) as near_next,
      sum(case when mt.valid_until is not null and mt.valid_until <= ${lastRiskDay}
        and coalesce(a.balance, 0) - coalesce(x.lapsing, 0) < (case mt.tier_key ${sql.join(retainAt, sql` `)} end)
        then 1 else 0 end) as at_risk
    from member_tiers mt
    left join ledger_accounts a on a.member_id = mt.member_id and a.ledger = 'growth'
    left join (
      -- Driven from the few members whose validity ends soon (by member_tiers_valid_until), each reading only its
      -- own lots: a join from the lots side walks every growth lot of the program.
      select m.member_id, (
        select sum(l.remaining) from ledger_lots l
        where l.member_id = m.member_id and l.ledger = 'growth' and l.remaining > 0
          and l.expires_at < (case m.valid_until ${sql.join(cutoffs, sql` `)} end)
      ) as lapsing
      from member_tiers m
      where m.valid_until is not null and m.valid_until <= ${lastRiskDay}
    ) x on x.member_id = mt.member_id
    group by mt.tier_key`.execute(s.trx)
  const topKey = tiers.at(-1)?.key
  const byTier = new Map(rows.map((r) => [r.tier_key, r]))
  const existing = await s.trx
    .selectFrom('snapshot_tier_members')
    .select('tier_key')
    .where('business_day', '=', s.day)
    .execute()
  for (const { tier_key } of existing) {
    const row = byTier.get(tier_key)
    await s.trx
      .updateTable('snapshot_tier_members')
      .set({ near_next: tier_key === topKey ? null : num(row?.near_next), retain_at_risk_30d: num(row?.at_risk) })
      .where('business_day', '=', s.day)
      .where('tier_key', '=', tier_key)
      .execute()
  }
}

/**
 * Counted growth of the tiered members at the 0th, 5th, …, 100th percentile (nearest rank), as JSON: what the
 * simulator's threshold suggestions are read from. An empty program answers `[]`.
 */
export async function growthQuantiles(s: SnapshotDay): Promise<string> {
  const total = await s.trx
    .selectFrom('member_tiers')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  const n = num(total.n)
  if (n === 0) return '[]'
  const ranks = Array.from({ length: 21 }, (_, i) => Math.max(1, Math.ceil((i * 5 * n) / 100)))
  const { rows } = await sql<{ pos: unknown; growth: unknown }>`
    select pos, growth from (
      select coalesce(a.balance, 0) as growth, row_number() over (order by coalesce(a.balance, 0)) as pos
      from member_tiers mt
      left join ledger_accounts a on a.member_id = mt.member_id and a.ledger = 'growth'
    ) ranked
    where pos in (${sql.join([...new Set(ranks)].map((r) => sql.lit(r)))})`.execute(s.trx)
  const atRank = new Map(rows.map((r) => [num(r.pos), num(r.growth)]))
  return JSON.stringify(ranks.map((rank) => atRank.get(rank) ?? 0))
}
