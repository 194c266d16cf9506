import { addDays, type BusinessDay } from '../calendar/business-day'
import type { ProgramRules, TierRule } from '../program/program-rules'

/** A member's tier and the last business day it is guaranteed; null for the entry tier, which never lapses. */
export interface TierState {
  key: string
  validUntil: BusinessDay | null
}

export type TierChange =
  | { kind: 'upgrade'; from: string; to: string; state: TierState }
  | { kind: 'retain'; tier: string; state: TierState }
  | { kind: 'downgrade'; from: string; to: string; state: TierState }

const assertGrowth = (growth: number) => {
  if (!Number.isSafeInteger(growth) || growth < 0)
    throw new RangeError(`counted growth must be a whole number ≥ 0, got ${growth}`)
}

/** The highest tier whose upgrade threshold the growth reaches. */
export function tierReached(rules: ProgramRules, growth: number): TierRule {
  assertGrowth(growth)
  return rules.tiers.reduce((reached, tier) => (growth >= tier.threshold ? tier : reached), rules.tiers[0])
}

/** Position of a tier key in the ladder; a key the rules no longer know ranks as the entry tier. */
export function tierRank(rules: ProgramRules, key: string): number {
  return Math.max(
    0,
    rules.tiers.findIndex((tier) => tier.key === key),
  )
}

export function tierByKey(rules: ProgramRules, key: string): TierRule {
  return rules.tiers[tierRank(rules, key)]
}

const stateFor = (tier: TierRule, rules: ProgramRules, fromDay: BusinessDay): TierState => ({
  key: tier.key,
  validUntil: tier.key === rules.tiers[0].key ? null : addDays(fromDay, tier.validityDays),
})

/** Upgrade is immediate: as soon as counted growth reaches a higher threshold, valid for that tier's validity. */
export function evaluateUpgrade(
  rules: ProgramRules,
  state: TierState,
  growth: number,
  today: BusinessDay,
): TierChange | null {
  const reached = tierReached(rules, growth)
  if (tierRank(rules, reached.key) <= tierRank(rules, state.key)) return null
  return { kind: 'upgrade', from: state.key, to: reached.key, state: stateFor(reached, rules, today) }
}

/**
 * At the end of validity (`today` past `validUntil`): keep the tier for another period if growth meets its
 * retain threshold, otherwise drop to the highest tier whose retain threshold is met. Before then: nothing.
 */
export function evaluateValidityEnd(
  rules: ProgramRules,
  state: TierState,
  growth: number,
  today: BusinessDay,
): TierChange | null {
  assertGrowth(growth)
  if (state.validUntil === null || today <= state.validUntil) return null
  const current = tierByKey(rules, state.key)
  if (growth >= current.retainThreshold) {
    return {
      kind: 'retain',
      tier: current.key,
      state: { key: current.key, validUntil: addDays(state.validUntil, current.validityDays) },
    }
  }
  const kept = rules.tiers
    .slice(0, tierRank(rules, current.key))
    .reduce((best, tier) => (growth >= tier.retainThreshold ? tier : best), rules.tiers[0])
  return { kind: 'downgrade', from: current.key, to: kept.key, state: stateFor(kept, rules, today) }
}
