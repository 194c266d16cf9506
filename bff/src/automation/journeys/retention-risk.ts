import { addDays, businessDayStart, daysBetween, explainProgress, smallestActionText } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { lotsLapsingBefore } from '../../membership/get-me'
import type { DueFinder, DueMember, JourneyContext } from './journey-context'
import { memberFacts, type MemberFacts } from './member-facts'

/** The last valid day of a tier that ends in `d` days: the sweep of day `today + d` takes it away. */
const lastValidDay = (ctx: JourneyContext, d: number) => addDays(ctx.today, d - 1)

/**
 * Retention at risk: the tier's validity ends in exactly one of `daysBefore` days, and counted growth less the
 * growth lapsing by then misses the retain threshold. Read by member_tiers_valid_until for those few last days
 * only; the shortfall and the smallest action that closes it are the tier page's own (`explainProgress`).
 * Period `${validUntil}:${d}`: one reminder per threshold day of each validity period.
 */
export const retentionRisk: DueFinder = {
  key: 'retention_risk',
  async candidates(db, ctx) {
    const days = ctx.settings.journeys.retention_risk.daysBefore.map((d) => lastValidDay(ctx, d))
    const rows = await db
      .selectFrom('member_tiers')
      .select('member_id')
      .where('valid_until', 'in', days)
      .orderBy('member_id')
      .execute()
    return rows.map((row) => row.member_id)
  },
  async due(db, ctx, memberIds) {
    const { rules } = ctx.program
    const facts = await memberFacts(db, rules, memberIds)
    const lapsing = await growthLapsingByValidityEnd(db, ctx, facts)
    const { daysBefore } = ctx.settings.journeys.retention_risk
    const due: DueMember[] = []
    for (const memberId of memberIds) {
      const member = facts.get(memberId)
      if (!member) continue
      const validUntil = member.validUntil
      const d = daysBefore.find((days) => lastValidDay(ctx, days) === validUntil)
      const progress = explainProgress(rules, {
        state: { key: member.tierKey, validUntil },
        countedGrowth: member.growth,
        atRiskGrowth: lapsing.get(memberId) ?? 0,
      })
      const short = progress.retain?.growthShort ?? 0
      if ((d === undefined || short <= 0) && !ctx.preview) continue
      const daysLeft = d ?? (validUntil ? daysBetween(ctx.today, validUntil) + 1 : 0)
      due.push({
        memberId,
        period: `${validUntil}:${daysLeft}`,
        values: {
          会员昵称: member.nickname,
          等级: member.tierName,
          到期日: validUntil ?? '长期有效',
          剩余天数: String(daysLeft),
          还差成长值: String(short),
          最小行动: smallestActionText(rules, short),
        },
      })
    }
    return due
  },
}

/**
 * Counted growth of each member that lapses before their validity ends, as the tier page computes its
 * `atRiskGrowth` (`lotsLapsingBefore`, by ledger_lots_member): only the few members whose validity ends on a day.
 */
async function growthLapsingByValidityEnd(db: Kysely<Database>, ctx: JourneyContext, facts: Map<string, MemberFacts>) {
  const lapsing = new Map<string, number>()
  for (const [memberId, { validUntil }] of facts) {
    if (validUntil === null) continue
    const before = businessDayStart(addDays(validUntil, 1), ctx.program.rules.calendar)
    lapsing.set(memberId, await lotsLapsingBefore(db, memberId, 'growth', ctx.now, before))
  }
  return lapsing
}
