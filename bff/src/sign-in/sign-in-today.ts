import { AppError, addDays, bonusOn, businessDayOf, cycleDayOf, runEndingOn, type SignInResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { publishedProgram } from '../program/published-program'
import { creditSignIn } from './credit-sign-in'
import { insertSignIn, joinedDayOf, latestSignInDay, signedDaysBack } from './sign-in-days'

/**
 * Signs the member in for today, in the merchant's business calendar, in one transaction. The sign-in row is
 * inserted before anything is credited, and its primary key decides a race: of fifty simultaneous requests one
 * inserts, the others find the row taken, answer ALREADY_SIGNED_IN and roll back having written nothing.
 */
export async function signInToday(deps: Deps, memberId: string): Promise<SignInResponse> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const program = await publishedProgram(trx)
    const { rules } = program
    const today = businessDayOf(now, rules.calendar)
    await joinedDayOf(trx, memberId, rules.calendar)
    // A clock that went back (NTP step, a failover to a host behind) must not reopen a day already left behind:
    // once the member has signed a later day, today counts as signed.
    const latest = await latestSignInDay(trx, memberId)
    if (latest !== null && latest >= today)
      throw new AppError('ALREADY_SIGNED_IN', { businessDay: today, latestSignedDay: latest })

    const signed = await signedDaysBack(trx, memberId, addDays(today, -1))
    const streak = runEndingOn(signed, addDays(today, -1)) + 1
    const cycleDay = cycleDayOf(streak, rules.signIn.cycleDays)
    if (!(await insertSignIn(trx, { memberId, day: today, kind: 'daily', cycleDay, now }))) {
      throw new AppError('ALREADY_SIGNED_IN', { businessDay: today })
    }
    const bonus = bonusOn(rules.signIn, cycleDay)
    const { rewards, tierChange } = await creditSignIn(trx, {
      memberId,
      day: today,
      reason: '每日签到',
      bonus,
      program,
      now,
    })
    return { businessDay: today, streak, cycleDay, rewards, ...(bonus ? { bonus } : {}), tierChange }
  })
}
