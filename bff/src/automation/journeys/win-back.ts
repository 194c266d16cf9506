import { addDays, businessDayOf, businessDayStart, daysBetween, tierRank } from '@mc/shared'
import { sql } from 'kysely'
import type { DueFinder, DueMember, JourneyContext } from './journey-context'
import { winBackCouponValues } from './win-back-coupon'
import { memberFacts } from './member-facts'

/** The instants bounding the orders whose ageing makes a member dormant on a day of this run's window. */
function dormancyWindow(ctx: JourneyContext) {
  const { dormantDays } = ctx.settings.journeys.win_back
  const { calendar } = ctx.program.rules
  return {
    // Orders from this instant on are recent: a member with one is not dormant.
    recentFrom: businessDayStart(addDays(ctx.today, 1 - dormantDays), calendar).toISOString(),
    // A last order on or after this instant turned dormant inside the window (since the last run).
    agedFrom: businessDayStart(addDays(ctx.since, -dormantDays), calendar).toISOString(),
  }
}

/** Tier keys at or above the rule's minimum tier (every tier when it is null or no longer in the rules). */
function eligibleTiers(ctx: JourneyContext): string[] {
  const { tiers } = ctx.program.rules
  const min = ctx.settings.journeys.win_back.minTierKey
  const from = min !== null && tiers.some((t) => t.key === min) ? tierRank(ctx.program.rules, min) : 0
  return tiers.slice(from).map((t) => t.key)
}

/**
 * Win-back: a member of the chosen tier or above whose last order (webhook or till, not wholly refunded) is
 * `dormantDays` business days old. Driven by orders_paid: only the orders that aged into dormancy since the last run
 * are read (the orders of a day or two); a member who has ordered since is dropped batch by batch, by their latest
 * order read from orders_member_paid. The period is the last order's business day: once per dormancy, again after
 * the next order ages.
 */
export const winBack: DueFinder = {
  key: 'win_back',
  async candidates(db, ctx) {
    const { recentFrom, agedFrom } = dormancyWindow(ctx)
    // Members who ordered again since are candidates too: `due` drops them with one indexed read per batch.
    const { rows } = await sql<{ member_id: string }>`
      select distinct o.member_id from orders o
      join member_tiers mt on mt.member_id = o.member_id
      where o.paid_at >= ${agedFrom} and o.paid_at < ${recentFrom} and o.refunded_fen < o.paid_fen
        and mt.tier_key in (${sql.join(eligibleTiers(ctx))})
      order by o.member_id`.execute(db)
    return rows.map((row) => row.member_id)
  },
  async due(db, ctx, memberIds) {
    if (memberIds.length === 0) return []
    const { recentFrom } = dormancyWindow(ctx)
    const rule = ctx.settings.journeys.win_back
    const eligible = new Set(eligibleTiers(ctx))
    const facts = await memberFacts(db, ctx.program.rules, memberIds)
    const last = await db
      .selectFrom('orders')
      .select(['member_id', (eb) => eb.fn.max('paid_at').as('last_paid_at')])
      .where('member_id', 'in', memberIds)
      .where((eb) => eb('refunded_fen', '<', eb.ref('paid_fen')))
      .groupBy('member_id')
      .execute()
    const lastPaid = new Map(last.map((row) => [row.member_id, row.last_paid_at]))
    const due: DueMember[] = []
    for (const memberId of memberIds) {
      const member = facts.get(memberId)
      const paidAt = lastPaid.get(memberId)
      if (!member) continue
      if (!ctx.preview && (!eligible.has(member.tierKey) || !paidAt || paidAt >= recentFrom)) continue
      const lastDay = paidAt ? businessDayOf(new Date(paidAt), ctx.program.rules.calendar) : ctx.today
      due.push({
        memberId,
        period: lastDay,
        coupon: rule.coupon,
        tierKey: member.tierKey,
        values: {
          会员昵称: member.nickname,
          等级: member.tierName,
          未下单天数: String(daysBetween(lastDay, ctx.today)),
          ...winBackCouponValues(rule.coupon, ctx.today),
        },
      })
    }
    return due
  },
}
