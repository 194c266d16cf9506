import { growthCountsUntil, pointsExpiresAt, type ProgramRules } from '@mc/shared'
import type { LedgerName } from '../db/schema'

/**
 * When a lot credited at `earnedAt` lapses under the rules: growth leaves its counting window, points expire by policy
 * (null: never).
 */
export function lotExpiresAt(rules: ProgramRules, ledger: LedgerName, earnedAt: Date): string | null {
  if (ledger === 'growth') return growthCountsUntil(rules, earnedAt).toISOString()
  return pointsExpiresAt(rules.points.expiry, earnedAt, rules.calendar)?.toISOString() ?? null
}
