import { z } from 'zod'
import { addDays, type BusinessDay } from '../calendar/business-day'
import type { ProgramRules } from '../program/program-rules'

/** The sign-in part of the program rules: cycle length, streak bonuses, make-up. */
export type SignInRules = ProgramRules['signIn']

/** A streak that is still alive: `streak` consecutive signed days ending on `endDay` (today or yesterday). */
export interface LiveStreak {
  streak: number
  /** The last signed day of the streak; null when there is no live streak. */
  endDay: BusinessDay | null
}

/** An extra reward for reaching a given day of the cycle. */
export const StreakBonus = z.strictObject({
  /** Day of the cycle (1..cycleDays) that earns it. */
  day: z.number().int(),
  growth: z.number().int(),
  points: z.number().int(),
})
export type StreakBonus = z.infer<typeof StreakBonus>

/** Consecutive signed days ending on `day`; 0 when `day` itself is not signed. */
export function runEndingOn(signed: ReadonlySet<BusinessDay>, day: BusinessDay): number {
  let run = 0
  for (let d = day; signed.has(d); d = addDays(d, -1)) run += 1
  return run
}

/**
 * The live streak on `today`: the run ending today, or, while today is not signed yet, the run ending
 * yesterday (it can still be continued). Days after `today` (a clock that went back) are not counted.
 */
export function currentStreak(signed: Iterable<BusinessDay>, today: BusinessDay): LiveStreak {
  const days = new Set(signed)
  for (const endDay of [today, addDays(today, -1)]) {
    const streak = runEndingOn(days, endDay)
    if (streak > 0) return { streak, endDay }
  }
  return { streak: 0, endDay: null }
}

/** Day of the cycle a streak has reached: 1..cycleDays, then 1 again. */
export function cycleDayOf(streak: number, cycleDays: number): number {
  if (!Number.isSafeInteger(streak) || streak < 1)
    throw new RangeError(`streak must be a whole number ≥ 1, got ${streak}`)
  if (!Number.isSafeInteger(cycleDays) || cycleDays < 1)
    throw new RangeError(`cycleDays must be a whole number ≥ 1, got ${cycleDays}`)
  return ((streak - 1) % cycleDays) + 1
}

/**
 * The bonus a sign-in on `cycleDay` earns, or null. Two bonuses configured for the same day add up, and a
 * bonus worth nothing is no bonus.
 */
export function bonusOn(rules: SignInRules, cycleDay: number): StreakBonus | null {
  const matching = rules.streakBonuses.filter((bonus) => bonus.day === cycleDay)
  const growth = matching.reduce((sum, bonus) => sum + bonus.growth, 0)
  const points = matching.reduce((sum, bonus) => sum + bonus.points, 0)
  return growth > 0 || points > 0 ? { day: cycleDay, growth, points } : null
}

/** The nearest bonus ahead and how many more sign-ins (the next one included) reach it: "再签 2 天得 30 积分". */
export const UpcomingBonus = StreakBonus.extend({ signInsNeeded: z.number().int() })
export type UpcomingBonus = z.infer<typeof UpcomingBonus>

/**
 * The nearest bonus still ahead, given the cycle day of the last sign-in in the live streak (0 when there is
 * none). When the next sign-in would itself earn a bonus, `signInsNeeded` is 1.
 */
export function upcomingBonus(rules: SignInRules, lastCycleDay: number): UpcomingBonus | null {
  if (!Number.isSafeInteger(lastCycleDay) || lastCycleDay < 0 || lastCycleDay > rules.cycleDays) {
    throw new RangeError(`lastCycleDay must be 0..${rules.cycleDays}, got ${lastCycleDay}`)
  }
  for (let ahead = 1; ahead <= rules.cycleDays; ahead += 1) {
    const bonus = bonusOn(rules, ((lastCycleDay + ahead - 1) % rules.cycleDays) + 1)
    if (bonus) return { ...bonus, signInsNeeded: ahead }
  }
  return null
}
