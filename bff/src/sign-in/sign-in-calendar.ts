import {
  addDays,
  awardForEvent,
  bonusOn,
  businessDayOf,
  businessDayStart,
  currentStreak,
  cycleDayOf,
  makeUpsLeft,
  monthCalendar,
  monthOf,
  runEndingOn,
  upcomingBonus,
  type SignInCalendarResponse,
} from '@mc/shared'
import type { Deps } from '../deps'
import { publishedProgram } from '../program/published-program'
import { joinedDayOf, signedDaysBack, signInsOfMonth } from './sign-in-days'

/**
 * The sign-in page: a month of days with their status, the live streak, today's state and reward, the nearest
 * bonus ahead, the rules' bonuses and what make-up costs and has left this month. Read-only.
 */
export async function signInCalendar(
  deps: Deps,
  memberId: string,
  requestedMonth: string | undefined,
): Promise<SignInCalendarResponse> {
  const { db } = deps
  const { rules } = await publishedProgram(db)
  const today = businessDayOf(deps.clock.now(), rules.calendar)
  const joinedDay = await joinedDayOf(db, memberId, rules.calendar)
  const month = requestedMonth ?? monthOf(today)
  const [shown, thisMonth, signed] = await Promise.all([
    signInsOfMonth(db, memberId, month),
    month === monthOf(today) ? null : signInsOfMonth(db, memberId, monthOf(today)),
    signedDaysBack(db, memberId, today),
  ])
  const makeUpsUsed = (thisMonth ?? shown).filter((s) => s.kind === 'make_up').length
  const { streak } = currentStreak(signed, today)
  const signedToday = signed.has(today)
  // Today's cycle day: the one it got when signed, or the one the next sign-in would get.
  const cycleDay = cycleDayOf(
    signedToday ? streak : runEndingOn(signed, addDays(today, -1)) + 1,
    rules.signIn.cycleDays,
  )
  const lastCycleDay = signedToday ? cycleDay : cycleDay - 1
  return {
    month,
    days: monthCalendar(rules.signIn, { month, today, joinedDay, signIns: shown, makeUpsUsed }),
    streak,
    today: {
      day: today,
      signed: signedToday,
      cycleDay,
      rewards: {
        growth: awardForEvent(rules.growth.sources.signIn),
        points: awardForEvent(rules.points.sources.signIn),
      },
      bonus: bonusOn(rules.signIn, cycleDay),
    },
    nextDayStartsAt: businessDayStart(addDays(today, 1), rules.calendar).toISOString(),
    nextBonus: upcomingBonus(rules.signIn, lastCycleDay),
    cycleDays: rules.signIn.cycleDays,
    bonuses: rules.signIn.streakBonuses.map((bonus) => ({ ...bonus })),
    makeUp: rules.signIn.makeUp && {
      costPoints: rules.signIn.makeUp.costPoints,
      perMonth: rules.signIn.makeUp.perMonth,
      usedThisMonth: makeUpsUsed,
      left: makeUpsLeft(rules.signIn, makeUpsUsed),
    },
  }
}
