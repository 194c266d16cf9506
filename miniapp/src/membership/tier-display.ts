import type { MeResponse } from '@mc/shared'
import { groupThousands } from '../format'

/** The part of GET /api/me that the tier card and ladder draw. */
export type TierStanding = Pick<
  MeResponse,
  'member' | 'growth' | 'tier' | 'validUntil' | 'nextTier' | 'growthNeeded' | 'percent' | 'paths' | 'tiers'
>

/**
 * Colours for one tier, all derived from the program's `TierView.color` so merchants restyle tiers by editing it.
 * This is the one place a tier's colours are decided: the tier card, the tiers page, the benefits page and the
 * member code badge all paint from it, so a tier looks the same on every screen.
 */
export interface TierPalette {
  /** Card background: the tier colour, darkening towards the lower right so white text stays readable. */
  card: string
  /** Pale tint of the tier colour behind the badge text. */
  badgeBackground: string
  /** Deep shade of the tier colour for text on `badgeBackground`. */
  badgeText: string
  /** Progress fill on the card. */
  bar: string
  /** Round marker for the tier in ladders. */
  dot: string
}

const fallbackColor = '#8a8f99'

/** `color` (#RRGGBB) moved towards black or white by `weight` (0 keeps it, 1 reaches the target). */
export function mixColor(color: string, target: 'black' | 'white', weight: number): string {
  const hex = /^#[0-9a-fA-F]{6}$/.test(color) ? color : fallbackColor
  const goal = target === 'black' ? 0 : 255
  const w = Math.min(1, Math.max(0, weight))
  let mixed = '#'
  for (let i = 1; i < 7; i += 2) {
    const channel = parseInt(hex.slice(i, i + 2), 16)
    mixed += Math.round(channel + (goal - channel) * w)
      .toString(16)
      .padStart(2, '0')
  }
  return mixed
}

export function tierPalette(color: string): TierPalette {
  return {
    // Lighter at the top left where the name sits, deep at the lower right: reads as a lit metal card.
    card:
      `linear-gradient(135deg, ${mixColor(color, 'white', 0.06)} 0%, ` +
      `${mixColor(color, 'black', 0.18)} 55%, ${mixColor(color, 'black', 0.42)} 100%)`,
    badgeBackground: mixColor(color, 'white', 0.86),
    badgeText: mixColor(color, 'black', 0.5),
    bar: `linear-gradient(90deg, ${mixColor(color, 'white', 0.55)} 0%, #ffffff 100%)`,
    dot: `linear-gradient(135deg, ${mixColor(color, 'white', 0.25)} 0%, ${mixColor(color, 'black', 0.2)} 100%)`,
  }
}

/** The one-line goal under the progress bar, e.g. 再得 1,298 成长值升级白银会员 (grouped like every count). */
export function progressSentence(progress: Pick<TierStanding, 'nextTier' | 'growthNeeded'>): string {
  if (progress.nextTier === null) return '您已是最高等级'
  return `再得 ${groupThousands(progress.growthNeeded)} 成长值升级${progress.nextTier.name}`
}

/** Percent clamped to 0–100, because the bar must never overflow even if the BFF rounds differently. */
export function clampPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0
  return Math.min(100, Math.max(0, Math.round(percent)))
}
