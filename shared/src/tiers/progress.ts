import { z } from 'zod'
import type { BusinessDay } from '../calendar/business-day'
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
}

export interface TierProgressExplained {
  tier: TierRule
  nextTier: TierRule | null
  growthNeeded: number
  /** Whole percent from the current tier's threshold to the next one; 100 at the top. */
  percent: number
  paths: NextTierPath[]
  /** What keeps the current tier past `byDay`; null for the entry tier, which never lapses. */
  retain: { threshold: number; byDay: BusinessDay; growthShort: number } | null
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
  const retain =
    input.state.validUntil === null
      ? null
      : {
          threshold: tier.retainThreshold,
          byDay: input.state.validUntil,
          growthShort: Math.max(0, tier.retainThreshold - (input.countedGrowth - input.atRiskGrowth)),
        }
  return { tier, nextTier, growthNeeded, percent, paths: pathsFor(rules, growthNeeded), retain }
}

/** One order of at least this amount, or this many daily sign-ins, each judged from the live rules. */
export function pathsFor(rules: ProgramRules, growthNeeded: number): NextTierPath[] {
  if (growthNeeded <= 0) return []
  const paths: NextTierPath[] = []
  const order = rules.growth.sources.order
  const perYuanWeighted = order.base * order.weightPercent // growth per 10,000 fen
  if (perYuanWeighted > 0 && (order.dailyCap === null || order.dailyCap >= growthNeeded)) {
    paths.push({ kind: 'order', amountFen: Math.ceil((growthNeeded * 10_000) / perYuanWeighted) })
  }
  const perDay = awardForEvent(rules.growth.sources.signIn)
  if (perDay > 0) paths.push({ kind: 'sign_in', days: Math.ceil(growthNeeded / perDay) })
  return paths
}
