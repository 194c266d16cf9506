import { z } from 'zod'
import { type BusinessDay, daysBetween } from '../calendar/business-day'
import { awardForEvent } from '../earning/earning'
import type { ProgramRules, TierRule } from '../program/program-rules'
import { tierByKey, tierRank, type TierState } from './tier-evaluation'

/** A concrete way to reach the next tier, cheapest first. */
export const NextTierPath = z.union([
  z.strictObject({ kind: z.literal('order'), amountFen: z.number().int() }),
  z.strictObject({ kind: z.literal('sign_in'), days: z.number().int() }),
])
export type NextTierPath = z.infer<typeof NextTierPath>

export interface TierProgressInput {
  state: TierState
  countedGrowth: number
  /** Counted growth that leaves the window before the current tier's validity ends. */
  atRiskGrowth: number
  /** Today's business day; with it, a path must also fit in the days left of the current tier's validity. */
  today?: BusinessDay
}

/**
 * The longest run of daily sign-ins offered as a way up: a month. Beyond it the advice reads as absurd (签到 250
 * 天) and is wrong besides, since the growth earned meanwhile starts leaving the window and streaks break.
 */
export const signInPathMaxDays = 30

/** What keeps a tier (保级), with the numbers the member needs to see why they are short. */
export interface RetainCondition {
  /** Counted growth needed on `byDay`. */
  threshold: number
  /** The last day of the current tier's validity. */
  byDay: BusinessDay
  /** Counted growth that will still count on `byDay`: today's counted growth less what leaves the window first. */
  growthKept: number
  /** How much more growth must be earned by `byDay`; 0 when the tier is already kept. */
  growthShort: number
  /** Growth counts for this many days after it is earned. */
  windowDays: number
}

export interface TierProgressExplained {
  tier: TierRule
  nextTier: TierRule | null
  growthNeeded: number
  /** Whole percent from the current tier's threshold to the next one; 100 at the top. */
  percent: number
  paths: NextTierPath[]
  /** What keeps the current tier past `byDay`; null for the entry tier, which never lapses. */
  retain: RetainCondition | null
}

export function explainProgress(rules: ProgramRules, input: TierProgressInput): TierProgressExplained {
  const tier = tierByKey(rules, input.state.key)
  const nextTier = rules.tiers[tierRank(rules, tier.key) + 1] ?? null
  const growthNeeded = nextTier ? Math.max(0, nextTier.threshold - input.countedGrowth) : 0
  const band = nextTier ? nextTier.threshold - tier.threshold : 0
  const percent =
    nextTier === null
      ? 100
      : Math.min(100, Math.max(0, Math.floor(((input.countedGrowth - tier.threshold) * 100) / band)))
  const { validUntil } = input.state
  const retain = validUntil === null ? null : retainFor(tier, validUntil, input, rules.growth.windowDays)
  // A longer path would end after the tier has been judged again at the end of its validity.
  const daysLeft =
    input.today === undefined || validUntil === null ? undefined : daysBetween(input.today, validUntil) + 1
  return { tier, nextTier, growthNeeded, percent, paths: pathsFor(rules, growthNeeded, daysLeft), retain }
}

function retainFor(tier: TierRule, byDay: BusinessDay, input: TierProgressInput, windowDays: number): RetainCondition {
  const growthKept = Math.max(0, input.countedGrowth - input.atRiskGrowth)
  const growthShort = Math.max(0, tier.retainThreshold - growthKept)
  return { threshold: tier.retainThreshold, byDay, growthKept, growthShort, windowDays }
}

/**
 * One order of at least this amount, or this many daily sign-ins, each judged from the live rules. A sign-in run
 * is offered only when it fits in `withinDays` (the days left to act, when known), in the growth window (older
 * sign-ins would stop counting on the way) and in `signInPathMaxDays`.
 */
export function pathsFor(rules: ProgramRules, growthNeeded: number, withinDays?: number): NextTierPath[] {
  if (growthNeeded <= 0) return []
  const paths: NextTierPath[] = []
  const order = rules.growth.sources.order
  const perYuanWeighted = order.base * order.weightPercent // growth per 10,000 fen
  if (perYuanWeighted > 0 && (order.dailyCap === null || order.dailyCap >= growthNeeded)) {
    paths.push({ kind: 'order', amountFen: Math.ceil((growthNeeded * 10_000) / perYuanWeighted) })
  }
  const perDay = awardForEvent(rules.growth.sources.signIn)
  const days = perDay > 0 ? Math.ceil(growthNeeded / perDay) : Number.POSITIVE_INFINITY
  if (days <= Math.min(signInPathMaxDays, rules.growth.windowDays, withinDays ?? signInPathMaxDays)) {
    paths.push({ kind: 'sign_in', days })
  }
  return paths
}
