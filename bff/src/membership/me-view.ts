import type { ProgramRules, TierView } from '@mc/shared'
import { tierView } from '../tiers/tier-view'

/** Every tier of one program as the member app shows it: by key, and the ladder in order. */
export interface TierViews {
  byKey: ReadonlyMap<string, TierView>
  /** Frozen at run time (see below); typed mutable only because the response type is. */
  ladder: TierView[]
}

// A published program's rules are parsed once and never change, so their views are built once per rules object
// instead of per request; frozen, so a caller that edited a response could not change the next member's.
const viewsByRules = new WeakMap<ProgramRules, TierViews>()

export function tierViews(rules: ProgramRules): TierViews {
  let views = viewsByRules.get(rules)
  if (!views) {
    const ladder = rules.tiers.map((tier) => deepFreeze(tierView(tier, rules)))
    views = { byKey: new Map(ladder.map((view) => [view.id, view])), ladder: Object.freeze(ladder) as TierView[] }
    viewsByRules.set(rules, views)
  }
  return views
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child)
  }
  return Object.freeze(value)
}
