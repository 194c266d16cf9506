import { tierPalette } from '../membership/tier-display'

/**
 * An item's tier tag in the tier's own badge colours (as on the member code and tier card), so 黄金 reads gold and
 * 白银 silver. Kept apart from the item card so the item page can use it without taking the card's stylesheet.
 */
export function tierTagStyle(color: string) {
  const palette = tierPalette(color)
  return { background: palette.badgeBackground, color: palette.badgeText }
}
