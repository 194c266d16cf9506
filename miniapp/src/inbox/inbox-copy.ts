import type { MessageCategory } from '@mc/shared'

/** A short tag per category, for the inbox rows; the settings page uses the full `messageCategoryLabels`. */
export const categoryTags: Record<MessageCategory, string> = {
  tier: '等级',
  points: '积分',
  offers: '优惠',
  care: '关怀',
}

// The notification kinds journeys and campaigns write (journey keys, the upgrade's own kind). Kept here as a
// plain table: the shared one sits beside zod schemas that the inbox package would otherwise carry along.
const kindCategories: Record<string, MessageCategory> = {
  tier_upgrade: 'tier',
  upgrade: 'tier',
  near_next: 'tier',
  retention_risk: 'tier',
  downgraded: 'tier',
  points_expiring: 'points',
  win_back: 'offers',
  campaign: 'offers',
  birthday: 'care',
}

/** The category a notification's kind belongs to, or null for a kind the app does not know (shown untagged). */
export function categoryOfKind(kind: string): MessageCategory | null {
  return Object.hasOwn(kindCategories, kind) ? (kindCategories[kind] ?? null) : null
}
