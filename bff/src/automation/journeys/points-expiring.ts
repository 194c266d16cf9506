import { addDays, businessDayOf, businessDayStart } from '@mc/shared'
import type { DueFinder, DueMember, JourneyContext } from './journey-context'
import { num } from './journey-context'
import { memberFacts } from './member-facts'

/** Lots expiring after now and by the end of business day `today + daysAhead`. */
function horizon(ctx: JourneyContext) {
  const { daysAhead } = ctx.settings.journeys.points_expiring
  return businessDayStart(addDays(ctx.today, daysAhead + 1), ctx.program.rules.calendar).toISOString()
}

/** The last day of the window, for a preview of a member with nothing expiring in it. */
const horizonDay = (ctx: JourneyContext) => addDays(ctx.today, ctx.settings.journeys.points_expiring.daysAhead)

/**
 * Points expiring: a member with points lots lapsing within `daysAhead` days hears of the earliest such day, with
 * the points lapsing then and, when the rules let points be extended, the offer. Read by ledger_lots_ledger_expiring
 * over that window only. The period is the expiry day, so each expiry day is told once.
 */
export const pointsExpiring: DueFinder = {
  key: 'points_expiring',
  async candidates(db, ctx) {
    const rows = await db
      .selectFrom('ledger_lots')
      .select('member_id')
      .distinct()
      .where('ledger', '=', 'points')
      .where('expires_at', '>', ctx.now.toISOString())
      .where('expires_at', '<=', horizon(ctx))
      .where('remaining', '>', 0)
      .orderBy('member_id')
      .execute()
    return rows.map((row) => row.member_id)
  },
  async due(db, ctx, memberIds) {
    if (memberIds.length === 0) return []
    const { rules } = ctx.program
    const lots = await db
      .selectFrom('ledger_lots')
      .select(['member_id', 'expires_at', 'remaining'])
      .where('member_id', 'in', memberIds)
      .where('ledger', '=', 'points')
      .where('expires_at', '>', ctx.now.toISOString())
      .where('expires_at', '<=', horizon(ctx))
      .where('remaining', '>', 0)
      .execute()
    // The day a lot lapses is the last day it can be spent: the business day of the instant before it expires.
    const earliest = new Map<string, { day: string; points: number }>()
    for (const lot of lots) {
      if (lot.expires_at === null) continue
      const day = businessDayOf(new Date(Date.parse(lot.expires_at) - 1), rules.calendar)
      const seen = earliest.get(lot.member_id)
      if (!seen || day < seen.day) earliest.set(lot.member_id, { day, points: num(lot.remaining) })
      else if (day === seen.day) seen.points += num(lot.remaining)
    }
    const facts = await memberFacts(db, rules, memberIds)
    const { extension } = rules.points
    const offer = extension ? `可用 ${extension.costPoints} 积分延期 ${extension.extendDays} 天。` : ''
    const due: DueMember[] = []
    for (const memberId of memberIds) {
      const lapse = earliest.get(memberId) ?? (ctx.preview ? { day: horizonDay(ctx), points: 0 } : undefined)
      if (!lapse) continue
      const values = {
        会员昵称: facts.get(memberId)?.nickname ?? '会员',
        到期积分: String(lapse.points),
        到期日: lapse.day,
        延期方式: offer,
      }
      due.push({ memberId, period: lapse.day, values })
    }
    return due
  },
}
