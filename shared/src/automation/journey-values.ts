import type { ProgramRules } from '../program/program-rules'
import { pathsFor } from '../tiers/progress'
import { tierByKey } from '../tiers/tier-evaluation'

/**
 * Names (from the merchant's benefit library) of the benefits tier `toKey` has that tier `fromKey` lacks: what an
 * upgrade unlocks, or, with the keys swapped, what a downgrade takes away. `fromKey` null is a member with no tier.
 */
export function benefitNamesGained(rules: ProgramRules, fromKey: string | null, toKey: string): string[] {
  const had = new Set(fromKey === null ? [] : tierByKey(rules, fromKey).benefits)
  return tierByKey(rules, toKey)
    .benefits.filter((key) => !had.has(key))
    .map((key) => rules.benefits[key]?.name ?? key)
}

/** Fen as the till shows it: ¥120 or ¥120.50. */
export function yuanText(fen: number): string {
  const whole = Math.floor(fen / 100)
  const cents = fen % 100
  return cents === 0 ? `¥${whole}` : `¥${whole}.${String(cents).padStart(2, '0')}`
}

/**
 * The smallest action that earns `growthNeeded`, in words a message can carry: one order of at least the amount
 * the rules need, or that many daily sign-ins (the two cheapest paths of `pathsFor`, the tier page's own advice).
 */
export function smallestActionText(rules: ProgramRules, growthNeeded: number): string {
  if (growthNeeded <= 0) return '保持当前消费即可'
  const ways = pathsFor(rules, growthNeeded).map((path) =>
    path.kind === 'order' ? `一笔满${yuanText(path.amountFen)}的订单` : `签到 ${path.days} 天`,
  )
  return ways.length > 0 ? `完成${ways.join('或')}` : `再获得 ${growthNeeded} 成长值`
}
