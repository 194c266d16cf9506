import type { Comparison } from './insights.schemas'

/** One arm of a comparison as the nightly job stores it: members, and sums and sums of squares per member. */
export interface ArmSums {
  members: number
  sum: number
  sumsq: number
}

/** What a difference of means says; the fields of `Comparison` that come from arithmetic alone. */
export type MeanDifference = Pick<Comparison, 'difference' | 'ciLow' | 'ciHigh' | 'verdict' | 'membersNeeded'>

/** Fewer members than this in either arm and the normal approximation behind the interval is not to be trusted. */
export const minArmMembers = 30

const z95 = 1.96
/** z of 80% power: the members needed are those that would find the observed effect four times in five. */
const z80 = 0.8416

export const armMean = (arm: ArmSums): number | null => (arm.members > 0 ? arm.sum / arm.members : null)

/** Sample variance from the sums (n − 1 in the denominator); rounding can make it a hair negative, so clamp at 0. */
export function armVariance(arm: ArmSums): number | null {
  if (arm.members < 2) return null
  return Math.max(0, (arm.sumsq - (arm.sum * arm.sum) / arm.members) / (arm.members - 1))
}

/**
 * Welch's difference of means (treated − control) with its 95% interval, diff ± 1.96·SE. The verdict is
 * 'insufficient' (样本不足) when either arm has fewer than 30 members, or when the interval includes zero and the
 * members per arm needed to detect the observed effect — n = (1.96 + 0.84)²·(s₁² + s₂²)/diff², i.e. 95% confidence
 * with 80% power, rather than the bare 1.96² that would find a true effect only half the time — exceed the smaller
 * arm. An interval that includes zero although the arms were large enough (or with no observed effect at all, which
 * no number of members would detect) is 'no_clear_difference'.
 */
export function meanDifference(treated: ArmSums, control: ArmSums): MeanDifference {
  const m1 = armMean(treated)
  const m2 = armMean(control)
  const v1 = armVariance(treated)
  const v2 = armVariance(control)
  if (m1 === null || m2 === null || v1 === null || v2 === null) {
    return { difference: null, ciLow: null, ciHigh: null, verdict: 'insufficient', membersNeeded: minArmMembers }
  }
  const difference = m1 - m2
  const se = Math.sqrt(v1 / treated.members + v2 / control.members)
  const ciLow = difference - z95 * se
  const ciHigh = difference + z95 * se
  const needed = membersNeeded(difference, v1 + v2)
  const smaller = Math.min(treated.members, control.members)
  const includesZero = ciLow <= 0 && ciHigh >= 0
  let verdict: MeanDifference['verdict']
  if (smaller < minArmMembers) verdict = 'insufficient'
  else if (!includesZero) verdict = difference > 0 ? 'higher' : 'lower'
  else verdict = needed !== null && needed > smaller ? 'insufficient' : 'no_clear_difference'
  const shown = verdict === 'insufficient' ? Math.max(minArmMembers, needed ?? minArmMembers) : null
  return { difference, ciLow, ciHigh, verdict, membersNeeded: shown }
}

/** Members per arm to detect `difference` given the summed variances; null when there is no effect to detect. */
export function membersNeeded(difference: number, varianceSum: number): number | null {
  if (difference === 0) return varianceSum === 0 ? minArmMembers : null
  return Math.max(minArmMembers, Math.ceil(((z95 + z80) ** 2 * varianceSum) / difference ** 2))
}
