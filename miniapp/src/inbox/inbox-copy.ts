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

// What the shopper does on each page a message links to; a page not listed reads 去查看.
const linkActions: Record<string, string> = {
  '/membership/pages/tiers/index': '查看等级权益',
  '/points/pages/expiring/index': '查看即将过期积分',
  '/benefits/pages/list/index': '去领取权益',
  '/mall/pages/list/index': '去积分商城',
  '/pages/home/index': '回到会员首页',
  '/sign-in/pages/calendar/index': '去签到',
  '/tasks/pages/list/index': '去做任务',
}

/** The link's words for the page at `path` (no query, leading slash): 查看等级权益, 去领取权益 … or 去查看. */
export function linkActionOf(path: string): string {
  return Object.hasOwn(linkActions, path) ? (linkActions[path] ?? '去查看') : '去查看'
}
