/** A membership tier: `threshold` is the counted growth at which a member reaches it. */
export interface Tier {
  id: string
  name: string
  threshold: number
}

/** Where a member stands: current tier, the next one (null at the top) and how far away it is. */
export interface TierProgress {
  tier: Tier
  nextTier: Tier | null
  growthNeeded: number
  /** Whole percent of the way from the current tier's threshold to the next one; 100 at the top tier. */
  percent: number
}

/** Throws unless tiers start at 0 and strictly ascend, because every rule below relies on that order. */
export function assertTierLadder(tiers: readonly Tier[]): void {
  if (tiers.length === 0) throw new RangeError('a tier ladder needs at least one tier')
  if (tiers[0].threshold !== 0) throw new RangeError('the first tier must start at growth 0')
  for (let i = 1; i < tiers.length; i += 1) {
    if (!(tiers[i].threshold > tiers[i - 1].threshold)) {
      throw new RangeError(`tier thresholds must ascend: ${tiers[i].name} is not above ${tiers[i - 1].name}`)
    }
  }
}

export function tierForGrowth(tiers: readonly Tier[], growth: number): Tier {
  assertWholeNonNegative(growth)
  assertTierLadder(tiers)
  let reached = tiers[0]
  for (const tier of tiers) if (growth >= tier.threshold) reached = tier
  return reached
}

export function tierProgress(tiers: readonly Tier[], growth: number): TierProgress {
  const tier = tierForGrowth(tiers, growth)
  const nextTier = tiers[tiers.indexOf(tier) + 1] ?? null
  if (nextTier === null) return { tier, nextTier, growthNeeded: 0, percent: 100 }
  const band = nextTier.threshold - tier.threshold
  return {
    tier,
    nextTier,
    growthNeeded: nextTier.threshold - growth,
    percent: Math.floor(((growth - tier.threshold) * 100) / band),
  }
}

function assertWholeNonNegative(growth: number): void {
  if (!Number.isSafeInteger(growth) || growth < 0) throw new RangeError(`growth must be a whole number ≥ 0, got ${growth}`)
}
