import { smallestActionText, tierRank } from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { DueFinder, DueMember } from './journey-context'
import { memberFacts } from './member-facts'

/**
 * Near next tier: counted growth within `withinSharePercent` of the next tier's threshold, or within one typical
 * order of it (the median growth of the member's last ten orders), at most once per `cooldownDays`. A member only
 * comes near by earning growth or by changing tier, so the candidates are the members with a growth credit or a
 * tier change since the last run (ledger_entries_day, tier_changes_day): the work follows the day's activity. The
 * ledger is deliberately not filtered here: on SQLite a `ledger = 'growth'` term lets the planner walk every growth
 * entry by another index; members who earned only points are judged (and dropped) by `due`.
 */
export const nearNext: DueFinder = {
  key: 'near_next',
  async candidates(db, ctx) {
    const { rows } = await sql<{ member_id: string }>`
      select member_id from ledger_entries
      where business_day >= ${ctx.since} and business_day <= ${ctx.today} and amount > 0
      union
      select member_id from tier_changes where business_day >= ${ctx.since} and business_day <= ${ctx.today}
      order by member_id`.execute(db)
    return rows.map((row) => row.member_id)
  },
  async due(db, ctx, memberIds) {
    const rule = ctx.settings.journeys.near_next
    const { rules } = ctx.program
    const facts = await memberFacts(db, rules, memberIds)
    const cooling = await nudgedWithin(db, memberIds, ctx.now, rule.cooldownDays)
    const typical = rule.withinOneTypicalOrder ? await typicalOrderGrowth(db, memberIds) : new Map<string, number>()
    const due: DueMember[] = []
    for (const memberId of memberIds) {
      const member = facts.get(memberId)
      if (!member) continue
      const next = rules.tiers[tierRank(rules, member.tierKey) + 1]
      const gap = next ? next.threshold - member.growth : 0
      const near =
        next !== undefined &&
        gap > 0 &&
        !cooling.has(memberId) &&
        (gap * 100 <= rule.withinSharePercent * next.threshold || gap <= (typical.get(memberId) ?? 0))
      if (!near && !ctx.preview) continue
      due.push({
        memberId,
        period: `${next?.key ?? member.tierKey}@${ctx.today}`,
        values: {
          会员昵称: member.nickname,
          等级: member.tierName,
          下一等级: next?.name ?? member.tierName,
          还差成长值: String(gap),
          最小行动: smallestActionText(rules, gap),
        },
      })
    }
    return due
  },
}

/** Members already nudged (sent or held out; a capped nudge never reached them) within the cooldown. */
async function nudgedWithin(db: Kysely<Database>, memberIds: string[], now: Date, days: number) {
  if (memberIds.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('engagement_sends')
    .select('member_id')
    .where('member_id', 'in', memberIds)
    .where('decided_at', '>', new Date(now.getTime() - days * 86_400_000).toISOString())
    .where('source_type', '=', 'journey')
    .where('source_id', '=', 'near_next')
    .where('outcome', '!=', 'capped')
    .execute()
  return new Set(rows.map((row) => row.member_id))
}

/** Each member's typical order: the median growth earned by their last ten orders that earned any. */
async function typicalOrderGrowth(db: Kysely<Database>, memberIds: string[]): Promise<Map<string, number>> {
  const typical = new Map<string, number>()
  if (memberIds.length === 0) return typical
  const { rows } = await sql<{ member_id: string; growth_earned: number }>`
    select member_id, growth_earned from (
      select member_id, growth_earned,
        row_number() over (partition by member_id order by paid_at desc) as recent
      from orders where member_id in (${sql.join(memberIds)}) and growth_earned > 0
    ) o where recent <= 10`.execute(db)
  const byMember = new Map<string, number[]>()
  for (const row of rows)
    byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), Number(row.growth_earned)])
  for (const [memberId, growths] of byMember) {
    const sorted = growths.sort((a, b) => a - b)
    typical.set(memberId, sorted[Math.floor((sorted.length - 1) / 2)])
  }
  return typical
}
