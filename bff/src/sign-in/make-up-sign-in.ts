import {
  AppError,
  addDays,
  businessDayOf,
  chineseMonthDay,
  makeUpEffect,
  makeUpRefusal,
  makeUpsLeft,
  monthOf,
  type BusinessDay,
  type MakeUpResponse,
} from '@mc/shared'
import type { Deps } from '../deps'
import { lockAccount } from '../ledger/accounts'
import { postDebit } from '../ledger/post-entry'
import { publishedProgram } from '../program/published-program'
import { creditSignIn } from './credit-sign-in'
import { insertSignIn, joinedDayOf, signedDaysBack, signInsOfMonth } from './sign-in-days'

/**
 * 补签: signs a missed day of the current month for `makeUp.costPoints`, in one transaction. The cost is taken
 * before the day's reward is credited, so the reward can never pay for its own make-up; too few available
 * points (balance − held) refuses with POINTS_INSUFFICIENT and nothing is written.
 *
 * A make-up earns the day's own sign-in reward but no streak bonus. A bonus bought with points would turn the
 * make-up into a purchase (20 points for a 30-point day-7 bonus), and what the member is buying is the streak
 * itself: the repaired streak carries on into the next daily sign-in, whose bonuses are earned the usual way.
 * Renumbering a repaired streak can bring the next bonus a few days closer; that is bounded by the monthly
 * limit and paid for in points, so it is accepted rather than tracked.
 */
export async function makeUpSignIn(deps: Deps, memberId: string, day: BusinessDay): Promise<MakeUpResponse> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const program = await publishedProgram(trx)
    const { rules } = program
    const today = businessDayOf(now, rules.calendar)
    const joinedDay = await joinedDayOf(trx, memberId, rules.calendar)
    // The member's accounts are locked first (growth, then points, as every posting does), so two make-ups of
    // one member run one after the other and the monthly limit cannot be overrun by a race.
    await lockAccount(trx, memberId, 'growth')
    await lockAccount(trx, memberId, 'points')
    const month = await signInsOfMonth(trx, memberId, monthOf(today))
    const makeUpsUsed = month.filter((s) => s.kind === 'make_up').length
    const refusal = makeUpRefusal(rules.signIn, {
      day,
      today,
      joinedDay,
      signed: new Set(month.map((s) => s.day)),
      makeUpsUsed,
    })
    if (refusal) {
      const message = refusal === 'ALREADY_SIGNED_IN' ? `${chineseMonthDay(day)}已签到` : undefined
      throw new AppError(refusal, { day, today, makeUpsLeft: makeUpsLeft(rules.signIn, makeUpsUsed) }, message)
    }

    const signed = await signedDaysBack(trx, memberId, today, {
      extra: [day],
      runsEndingOn: [today, addDays(today, -1), day],
    })
    signed.delete(day)
    const effect = makeUpEffect(rules.signIn, signed, day, today)
    if (!(await insertSignIn(trx, { memberId, day, kind: 'make_up', cycleDay: effect.cycleDay, now }))) {
      throw new AppError('ALREADY_SIGNED_IN', { day }, `${chineseMonthDay(day)}已签到`)
    }
    const costPoints = rules.signIn.makeUp!.costPoints
    if (costPoints > 0) {
      await postDebit(trx, {
        memberId,
        ledger: 'points',
        amount: -costPoints,
        kind: 'redeem',
        reason: `补签 ${chineseMonthDay(day)} 消耗积分`,
        actor: 'member',
        actorId: memberId,
        ref: { type: 'make_up', id: day },
        idempotencyKey: `make_up:${memberId}:${day}:points`,
        ruleVersion: program.version,
        businessDay: today,
        occurredAt: now,
        now,
        debit: { from: 'earliest_expiry', respectHeld: true },
      })
    }
    const { rewards, tierChange } = await creditSignIn(trx, {
      memberId,
      day,
      reason: `补签 ${chineseMonthDay(day)}`,
      bonus: null,
      program,
      now,
    })
    return {
      day,
      cycleDay: effect.cycleDay,
      streak: effect.streak.streak,
      costPoints,
      rewards,
      makeUpsLeft: makeUpsLeft(rules.signIn, makeUpsUsed + 1),
      tierChange,
    }
  })
}
