import type { MeResponse, Tier } from '@mc/shared'

/** The part of GET /api/me that the tier card and ladder draw. */
export type TierStanding = Pick<MeResponse, 'member' | 'growth' | 'tier' | 'nextTier' | 'growthNeeded' | 'percent' | 'tiers'>

/** Badge colour by position on the ladder: the first tier grey, the second silver, the third and above gold. */
export type TierTone = 'grey' | 'silver' | 'gold'

const tones: readonly TierTone[] = ['grey', 'silver', 'gold']

export function tierTone(tiers: readonly Tier[], tier: Tier): TierTone {
  const index = tiers.findIndex((candidate) => candidate.id === tier.id)
  return tones[Math.min(Math.max(index, 0), tones.length - 1)]
}

/** The one-line goal under the progress bar, e.g. 再得 500 成长值升级白银会员. */
export function progressSentence(progress: Pick<TierStanding, 'nextTier' | 'growthNeeded'>): string {
  if (progress.nextTier === null) return '您已是最高等级'
  return `再得 ${progress.growthNeeded} 成长值升级${progress.nextTier.name}`
}

/** Percent clamped to 0–100, because the bar must never overflow even if the BFF rounds differently. */
export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0
  return Math.min(100, Math.max(0, Math.round(percent)))
}
