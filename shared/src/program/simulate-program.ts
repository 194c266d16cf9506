import { z } from 'zod'
import { awardForEvent } from '../earning/earning'
import { growthSourceKinds, type GrowthSourceKind, type ProgramRules } from './program-rules'
import { yearlyBenefitCostFen } from '../benefits/benefit-library'
import { tierRank, tierReached } from '../tiers/tier-evaluation'

/** One member's history, reduced to what a replay under other rules needs. */
export interface MemberReplay {
  currentTierKey: string
  /** Growth the member's ledger counts today; tiers on publish day are judged on this. */
  countedGrowth: number
  /** Growth that order payments earn under the draft's order rule, within the draft's window. */
  orderGrowth: number
  /** Non-order earning events within the window, by source; each is re-awarded under the draft. */
  eventCounts: Partial<Record<GrowthSourceKind, number>>
  /** Growth that no rule produced (opening balances, manual adjustments), within the window. */
  fixedGrowth: number
}

/** How many members one tier holds in a distribution, and their share (percent, one decimal). */
export const TierCount = z
  .strictObject({
    key: z.string(),
    name: z.string(),
    members: z.number().int(),
    percent: z.number(),
  })
  .meta({ id: 'TierCount' })
export type TierCount = z.infer<typeof TierCount>

export const SimulationWarning = z.strictObject({
  code: z.enum(['TOP_TIER_CROWDED', 'TIER_EMPTY', 'TIER_KEY_REMOVED']),
  tier: z.string(),
  message: z.string(),
})
export type SimulationWarning = z.infer<typeof SimulationWarning>

export const SimulationResult = z.strictObject({
  members: z.number().int(),
  today: z.array(TierCount),
  /** Where members settle under the draft: their ledgers replayed as if the draft had always applied. */
  predicted: z.array(TierCount),
  /** Day one under "keep current tiers until their validity ends": upgrades only. */
  keep: z.array(TierCount),
  /** Day one under "apply now": retain thresholds judged today. */
  applyNow: z.array(TierCount),
  movesUp: z.number().int(),
  /** Members "apply now" would lower today; under "keep" this is zero. */
  movesDownIfApplied: z.number().int(),
  /** Share of members (whole percent) within 20% of their next threshold under the draft on publish day. */
  nearNextTierPercent: z.number().int(),
  monthlyBenefitCostFen: z.strictObject({ current: z.number().int(), draft: z.number().int() }),
  costBasis: z.string(),
  warnings: z.array(SimulationWarning),
})
export type SimulationResult = z.infer<typeof SimulationResult>

export function replayGrowth(draft: ProgramRules, member: MemberReplay): number {
  let growth = member.orderGrowth + member.fixedGrowth
  for (const kind of growthSourceKinds) {
    if (kind !== 'order') growth += (member.eventCounts[kind] ?? 0) * awardForEvent(draft.growth.sources[kind])
  }
  return Math.max(0, growth)
}

/** The member's current tier placed on the draft's ladder: same key, or the same rank when the key is gone. */
export function mappedRank(current: ProgramRules, draft: ProgramRules, key: string): number {
  const direct = draft.tiers.findIndex((tier) => tier.key === key)
  return direct >= 0 ? direct : Math.min(tierRank(current, key), draft.tiers.length - 1)
}

/** Predicts what publishing `draft` does to today's members: pure, so it is fast and testable. */
export function simulateProgram(
  current: ProgramRules,
  draft: ProgramRules,
  members: readonly MemberReplay[],
): SimulationResult {
  const counts = {
    today: new Array(current.tiers.length).fill(0),
    predicted: new Array(draft.tiers.length).fill(0),
    keep: new Array(draft.tiers.length).fill(0),
    applyNow: new Array(draft.tiers.length).fill(0),
  }
  let movesUp = 0
  let movesDown = 0
  let nearNext = 0
  for (const member of members) {
    const day = publishDayOutcome(current, draft, member.currentTierKey, member.countedGrowth)
    counts.today[tierRank(current, member.currentTierKey)] += 1
    counts.predicted[tierRank(draft, tierReached(draft, replayGrowth(draft, member)).key)] += 1
    counts.keep[day.keep] += 1
    counts.applyNow[day.applyNow] += 1
    if (day.keep > day.held) movesUp += 1
    if (day.applyNow < day.held) movesDown += 1
    const next = draft.tiers[day.keep + 1]
    if (next && member.countedGrowth * 5 >= next.threshold * 4) nearNext += 1
  }
  const total = members.length
  const table = (rules: ProgramRules, list: number[]): TierCount[] =>
    rules.tiers.map((tier, i) => ({
      key: tier.key,
      name: tier.name,
      members: list[i],
      percent: total === 0 ? 0 : Math.round((list[i] * 1000) / total) / 10,
    }))
  const predicted = table(draft, counts.predicted)
  return {
    members: total,
    today: table(current, counts.today),
    predicted,
    keep: table(draft, counts.keep),
    applyNow: table(draft, counts.applyNow),
    movesUp,
    movesDownIfApplied: movesDown,
    nearNextTierPercent: total === 0 ? 0 : Math.round((nearNext * 100) / total),
    monthlyBenefitCostFen: { current: monthlyCost(current, counts.today), draft: monthlyCost(draft, counts.keep) },
    costBasis:
      '按权益面值、年发放次数和预设使用率估算（尚无实际使用数据）/ face value × grants per year × assumed usage (no usage data yet)',
    warnings: distributionWarnings(current, draft, predicted, total),
  }
}

/**
 * What publishing does to one member on day one, as ranks on the draft's ladder: `held` is their tier mapped
 * onto it; under "keep" they only move up; under "apply now" retain thresholds are judged today.
 */
export function publishDayOutcome(current: ProgramRules, draft: ProgramRules, tierKey: string, growth: number) {
  const held = mappedRank(current, draft, tierKey)
  const reached = tierRank(draft, tierReached(draft, growth).key)
  const retained = draft.tiers
    .slice(0, held + 1)
    .reduce((best, tier, rank) => (growth >= tier.retainThreshold ? rank : best), 0)
  return { held, keep: Math.max(held, reached), applyNow: Math.max(retained, reached) }
}

function monthlyCost(rules: ProgramRules, tierCounts: number[]): number {
  const yearly = rules.tiers.reduce(
    (sum, tier, i) =>
      sum + tierCounts[i] * tier.benefits.reduce((s, key) => s + yearlyBenefitCostFen(rules.benefits[key]), 0),
    0,
  )
  return Math.round(yearly / 12)
}

/** The distribution guardrails: a crowded top tier means thresholds too low, an empty tier too high. */
export function distributionWarnings(
  current: ProgramRules,
  draft: ProgramRules,
  distribution: TierCount[],
  total: number,
): SimulationWarning[] {
  const warnings: SimulationWarning[] = []
  const top = distribution[distribution.length - 1]
  if (total > 0 && top.percent > 30) {
    warnings.push({
      code: 'TOP_TIER_CROWDED',
      tier: top.key,
      message:
        `${top.name}占会员 ${top.percent}%，超过 30%，门槛可能过低 / ` +
        `top tier holds ${top.percent}% of members: thresholds may be too low`,
    })
  }
  for (const tier of distribution.slice(1)) {
    if (total > 0 && tier.members === 0) {
      warnings.push({
        code: 'TIER_EMPTY',
        tier: tier.key,
        message: `${tier.name}没有会员，门槛可能过高 / no member would be in ${tier.key}: threshold may be too high`,
      })
    }
  }
  for (const tier of current.tiers) {
    if (!draft.tiers.some((t) => t.key === tier.key)) {
      warnings.push({
        code: 'TIER_KEY_REMOVED',
        tier: tier.key,
        message:
          `${tier.name}在新方案中不存在，持有者按同一级位对应 / ` +
          `${tier.key} is removed; its holders map to the tier at the same rank`,
      })
    }
  }
  return warnings
}
