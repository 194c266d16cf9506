import { addDays, businessDayOf, businessDayStart, type BusinessCalendar } from '../calendar/business-day'
import type { EarningSource, PointsExpiry, ProgramRules, TierRule } from '../program/program-rules'

const assertWhole = (name: string, value: number) => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`)
}

/** Caps an award by what the source may still give today. */
export function capForToday(source: EarningSource, raw: number, awardedToday: number): number {
  assertWhole('awardedToday', awardedToday)
  if (source.dailyCap === null) return raw
  return Math.max(0, Math.min(raw, source.dailyCap - awardedToday))
}

/** floor(base × units × weight / 100), capped for the day: sign-in, share, review, tasks. */
export function awardForEvent(source: EarningSource, awardedToday = 0, units = 1): number {
  assertWhole('units', units)
  return capForToday(source, Math.floor((source.base * units * source.weightPercent) / 100), awardedToday)
}

/** Growth for a paid amount: `base` growth per yuan, weighted. Integer maths on fen; rounds down. */
export function orderGrowth(rules: ProgramRules, amountFen: number, awardedToday = 0): number {
  assertWhole('amountFen', amountFen)
  const source = rules.growth.sources.order
  const raw = Number((BigInt(amountFen) * BigInt(source.base) * BigInt(source.weightPercent)) / 10_000n)
  return capForToday(source, raw, awardedToday)
}

/** Points for a paid amount: per yuan, weighted, times the tier multiplier and, in the birthday month, that one. */
export function orderPoints(
  rules: ProgramRules,
  amountFen: number,
  tier: TierRule,
  birthdayMonth: boolean,
  awardedToday = 0,
): number {
  assertWhole('amountFen', amountFen)
  const source = rules.points.sources.order
  const birthday = birthdayMonth ? rules.points.birthdayMonthMultiplierPercent : 100
  const raw =
    BigInt(amountFen) *
    BigInt(source.base) *
    BigInt(source.weightPercent) *
    BigInt(tier.pointsMultiplierPercent) *
    BigInt(birthday)
  return capForToday(source, Number(raw / 100_000_000n), awardedToday)
}

/**
 * When points earned at `earnedAt` lapse: at the end of the business day N days later, or when the following
 * calendar year ends (in the merchant's calendar), or never.
 */
export function pointsExpiresAt(expiry: PointsExpiry, earnedAt: Date, calendar: BusinessCalendar): Date | null {
  if (expiry.kind === 'never') return null
  const earnedDay = businessDayOf(earnedAt, calendar)
  if (expiry.kind === 'days_after_earning') return businessDayStart(addDays(earnedDay, expiry.days + 1), calendar)
  const year = Number(earnedDay.slice(0, 4))
  return businessDayStart(`${year + 2}-01-01`, calendar)
}

/** When growth earned at `earnedAt` leaves the counting window. */
export function growthCountsUntil(rules: ProgramRules, earnedAt: Date): Date {
  const earnedDay = businessDayOf(earnedAt, rules.calendar)
  return businessDayStart(addDays(earnedDay, rules.growth.windowDays), rules.calendar)
}
