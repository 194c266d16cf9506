import type { ProgramRules } from '@mc/shared'
import { sql } from 'kysely'
import type { DueFinder, DueMember } from './journey-context'
import { memberFacts } from './member-facts'

/** The gift a tier gives in the birthday month: its birthday-month benefits, else the birthday points multiplier. */
export function birthdayGift(rules: ProgramRules, tierKey: string): string {
  const tier = rules.tiers.find((t) => t.key === tierKey) ?? rules.tiers[0]
  const gifts = tier.benefits
    .map((key) => rules.benefits[key])
    .filter((benefit) => benefit?.grant?.period === 'birthday_month')
    .map((benefit) => benefit.name)
  if (gifts.length > 0) return gifts.join('、')
  const multiplier = rules.points.birthdayMonthMultiplierPercent
  return multiplier > 100 ? `生日月消费积分 ${multiplier / 100} 倍` : '专属生日祝福'
}

/**
 * Birthday: joined members whose birthday month is this business month, once a year (period: the year). Read by
 * members_birthday_month (the month part of the birthday); the members already decided this year are left out in
 * the same read by the send's unique dedupe key, so after the first day of a month only newcomers are read whole.
 */
export const birthday: DueFinder = {
  key: 'birthday',
  async candidates(db, ctx) {
    const year = ctx.today.slice(0, 4)
    const { rows } = await sql<{ id: string }>`
      select m.id from members m
      where substr(m.birthday, 6, 2) = ${ctx.today.slice(5, 7)} and m.joined_at is not null
        and not exists (
          select 1 from engagement_sends s where s.dedupe_key = ${'journey:birthday:'} || m.id || ${`:${year}`}
        )
      order by m.id`.execute(db)
    return rows.map((row) => row.id)
  },
  async due(db, ctx, memberIds) {
    const facts = await memberFacts(db, ctx.program.rules, memberIds)
    const due: DueMember[] = []
    for (const memberId of memberIds) {
      const member = facts.get(memberId)
      if (!member) continue
      due.push({
        memberId,
        period: ctx.today.slice(0, 4),
        values: {
          会员昵称: member.nickname,
          等级: member.tierName,
          生日礼: birthdayGift(ctx.program.rules, member.tierKey),
        },
      })
    }
    return due
  },
}
