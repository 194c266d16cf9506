import {
  lifecycleLabels,
  rfmGroups,
  type InsightSettings,
  type LifecycleStage,
  type RfmGroupKey,
} from './insights.schemas'

// The pure rules of member scoring (issue 12). The nightly job runs them as SQL over every member at once; these are
// the same rules one member at a time, for the reports' texts, the console and the specs that check the SQL.

/** A score of 4 or 5 is "high" in the classic eight-group RFM split. */
export const rfmHighScore = 4

/** Quintile score of the `rank`-th of `count` (rank 1 = worst): ties share a rank, so they share a score. */
export function quintileScore(rank: number, count: number): number {
  if (!Number.isInteger(rank) || !Number.isInteger(count) || rank < 1 || rank > count) {
    throw new RangeError(`rank must be a whole number in 1..count, got ${rank} of ${count}`)
  }
  return 1 + Math.floor((5 * (rank - 1)) / count)
}

/** The RFM group of three scores, or null for a member with no order in the window (no scores). */
export function rfmGroupOf(scores: { r: number; f: number; m: number } | null): RfmGroupKey | null {
  if (!scores) return null
  const high = (score: number) => score >= rfmHighScore
  const group = rfmGroups.find((g) => g.r === high(scores.r) && g.f === high(scores.f) && g.m === high(scores.m))
  return group ? group.key : null
}

export function rfmGroupLabel(key: string | null): string | null {
  return rfmGroups.find((g) => g.key === key)?.label ?? null
}

/**
 * Lifecycle stage on a business day: new within `newDays` of joining (`ageDays` < newDays); otherwise by days
 * since the last order — active below `activeDays`, dormant below `dormantDays`, lapsed beyond. A member who never
 * ordered counts from joining instead, so a never-buyer is never called active: dormant, then lapsed.
 */
export function lifecycleOf(
  days: { ageDays: number | null; recencyDays: number | null },
  lifecycle: InsightSettings['lifecycle'],
): LifecycleStage {
  const { ageDays, recencyDays } = days
  if (ageDays !== null && ageDays < lifecycle.newDays) return 'new'
  if (recencyDays === null) return ageDays !== null && ageDays < lifecycle.dormantDays ? 'dormant' : 'lapsed'
  if (recencyDays < lifecycle.activeDays) return 'active'
  if (recencyDays < lifecycle.dormantDays) return 'dormant'
  return 'lapsed'
}

export const lifecycleLabelOf = (stage: LifecycleStage | null): string | null => (stage ? lifecycleLabels[stage] : null)

/**
 * CLV estimate in fen: the window's spend scaled to a year, times the expected years as a customer, rounded half
 * up. Computed in whole numbers (round(x / w) = ⌊(2x + w) / 2w⌋) so the SQL and this agree to the fen.
 */
export function clvFen(monetaryFen: number, settings: Pick<InsightSettings, 'rfmWindowDays' | 'clvExpectedYears'>) {
  const w = settings.rfmWindowDays
  const x = monetaryFen * 365 * settings.clvExpectedYears
  return Math.floor((2 * x + w) / (2 * w))
}

/** The CLV formula as the reports write it beside the figure. */
export function clvFormulaText(settings: Pick<InsightSettings, 'rfmWindowDays' | 'clvExpectedYears'>): string {
  return `CLV = 近 ${settings.rfmWindowDays} 天消费 × 365 ÷ ${settings.rfmWindowDays} × 预期 ${settings.clvExpectedYears} 年`
}

/** The category preference tag of a category (the nightly job owns every tag with this prefix). */
export const categoryTagPrefix = '偏好:'
export const categoryTag = (category: string) => `${categoryTagPrefix}${category}`.slice(0, 32)
