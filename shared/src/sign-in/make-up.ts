import type { BusinessDay } from '../calendar/business-day'
import type { ErrorCode } from '../errors'
import { currentStreak, cycleDayOf, runEndingOn, type LiveStreak, type SignInRules } from './streak'

/** Why a make-up sign-in (补签) is refused; each is a stable error code. */
export type MakeUpRefusal = Extract<
  ErrorCode,
  | 'MAKE_UP_DISABLED'
  | 'MAKE_UP_DAY_NOT_PAST'
  | 'MAKE_UP_DAY_NOT_THIS_MONTH'
  | 'MAKE_UP_DAY_BEFORE_JOIN'
  | 'ALREADY_SIGNED_IN'
  | 'MAKE_UP_LIMIT_REACHED'
>

export interface MakeUpQuestion {
  /** The day the member wants to make up. */
  day: BusinessDay
  today: BusinessDay
  /** The business day the member joined; days before it were never theirs to miss. */
  joinedDay: BusinessDay
  /** Days already signed (daily or made up); only the current month matters here. */
  signed: ReadonlySet<BusinessDay>
  /** Make-ups already made this month. */
  makeUpsUsed: number
}

export const monthOf = (day: BusinessDay) => day.slice(0, 7)

/** Make-ups still allowed this month; 0 when make-up is off. */
export function makeUpsLeft(rules: SignInRules, makeUpsUsed: number): number {
  return rules.makeUp === null ? 0 : Math.max(0, rules.makeUp.perMonth - makeUpsUsed)
}

/**
 * Whether a make-up is allowed, or the first reason it is not: only a missed day of the current month, before
 * today, not before the member joined, within the monthly limit. Today is not missed yet (sign in instead).
 */
export function makeUpRefusal(rules: SignInRules, question: MakeUpQuestion): MakeUpRefusal | null {
  const { day, today } = question
  if (rules.makeUp === null) return 'MAKE_UP_DISABLED'
  if (day >= today) return 'MAKE_UP_DAY_NOT_PAST'
  if (monthOf(day) !== monthOf(today)) return 'MAKE_UP_DAY_NOT_THIS_MONTH'
  if (day < question.joinedDay) return 'MAKE_UP_DAY_BEFORE_JOIN'
  if (question.signed.has(day)) return 'ALREADY_SIGNED_IN'
  if (makeUpsLeft(rules, question.makeUpsUsed) === 0) return 'MAKE_UP_LIMIT_REACHED'
  return null
}

/** What a make-up of `day` does: the day's place in its repaired run, and the live streak afterwards. */
export interface MakeUpEffect {
  /** Cycle day the made-up day takes within the run it joins. */
  cycleDay: number
  streak: LiveStreak
}

/**
 * A make-up fills one gap: the run before the day and the run after it become one. The made-up day takes its
 * place in the cycle, and the live streak is recounted over the days with the gap filled.
 */
export function makeUpEffect(
  rules: SignInRules,
  signed: ReadonlySet<BusinessDay>,
  day: BusinessDay,
  today: BusinessDay,
): MakeUpEffect {
  const filled = new Set(signed).add(day)
  return { cycleDay: cycleDayOf(runEndingOn(filled, day), rules.cycleDays), streak: currentStreak(filled, today) }
}
