import type { BenefitView, MeResponse, TierView } from '@mc/shared'
import { chineseDate, groupThousands } from '../format'

// Copy for the tier page. Growth values are grouped like every count (成长值满 2,000, 还差 1,298 成长值).

/** Where a tier stands for the member: their own, already passed, or still ahead. */
export type TierStatus = 'current' | 'reached' | 'locked'

export function tierStatus(tier: TierView, me: Pick<MeResponse, 'tier' | 'growth'>): TierStatus {
  if (tier.id === me.tier.id) return 'current'
  return me.growth >= tier.threshold ? 'reached' : 'locked'
}

/** 开通即享 for the entry tier, otherwise 成长值满 2000. */
export function thresholdText(tier: Pick<TierView, 'threshold'>): string {
  return tier.threshold === 0 ? '开通即享' : `成长值满 ${groupThousands(tier.threshold)}`
}

/** The line under a tier's name on its card: 当前等级, 已达成, or how far off it is. */
export function tierStatusText(tier: TierView, me: Pick<MeResponse, 'tier' | 'growth'>): string {
  const status = tierStatus(tier, me)
  if (status === 'current') return '当前等级'
  if (status === 'reached') return '已达成'
  return `还差 ${groupThousands(tier.threshold - me.growth)} 成长值`
}

/** One line on a tier's card: a benefit of the program, and whether this tier has it. */
export interface TierBenefitRow {
  benefit: BenefitView
  included: boolean
  /** Included here but not in the tier below, so the card marks it 新增. */
  isNew: boolean
  /** For a benefit this tier lacks: the nearest higher tier that has it (升级黄金会员可享), else null. */
  unlockedBy: string | null
}

/**
 * Every benefit in the program, in ladder order, as the card of `tiers[index]` lists it: its own benefits, then the
 * ones it lacks greyed out with the tier that unlocks them. Listing the same benefits on every card lets the member
 * compare tiers side by side and keeps the cards the same height.
 */
export function tierBenefitRows(tiers: readonly TierView[], index: number): TierBenefitRow[] {
  const all = new Map<string, BenefitView>()
  for (const tier of tiers)
    for (const benefit of tier.benefits) if (!all.has(benefit.key)) all.set(benefit.key, benefit)
  const has = (i: number, key: string) => tiers[i]?.benefits.some((b) => b.key === key) ?? false
  const rows = [...all.values()].map((benefit): TierBenefitRow => {
    const included = has(index, benefit.key)
    const above = tiers.slice(index + 1).find((tier) => tier.benefits.some((b) => b.key === benefit.key))
    return {
      benefit: tiers[index].benefits.find((b) => b.key === benefit.key) ?? benefit,
      included,
      isNew: included && index > 0 && !has(index - 1, benefit.key),
      unlockedBy: included ? null : (above?.name ?? null),
    }
  })
  return [...rows.filter((row) => row.included), ...rows.filter((row) => !row.included)]
}

/** What keeps the member's tier, as the tier page words it. */
export interface RetainCopy {
  /** 普通会员长期有效, or 黄金会员有效期至 followed by `until`. */
  headline: string
  /** The last day of the tier, e.g. 2027年11月23日; null for the entry tier, which never lapses. */
  until: string | null
  /** The condition, e.g. 2027年11月23日前累计成长值达到 1600，即可保持黄金会员; null for the entry tier. */
  condition: string | null
  /** 还差 400 成长值 or 已满足保级条件; null for the entry tier. */
  status: string | null
  /** Why growth well above the threshold can still fall short: 2514 成长值将在此之前过期. */
  atRisk: string | null
  kept: boolean
}

export function retainCopy(me: Pick<MeResponse, 'tier' | 'retain' | 'validUntil' | 'atRiskGrowth'>): RetainCopy {
  const { tier, retain } = me
  if (retain === null) {
    return { headline: `${tier.name}长期有效`, until: null, condition: null, status: null, atRisk: null, kept: true }
  }
  const kept = retain.growthShort <= 0
  return {
    headline: `${tier.name}有效期至`,
    until: chineseDate(me.validUntil ?? retain.byDay),
    condition: `${chineseDate(retain.byDay)}前累计成长值达到 ${groupThousands(retain.threshold)}，即可保持${tier.name}`,
    status: kept ? '已满足保级条件' : `还差 ${groupThousands(retain.growthShort)} 成长值`,
    atRisk: !kept && me.atRiskGrowth > 0 ? `${groupThousands(me.atRiskGrowth)} 成长值将在此之前过期` : null,
    kept,
  }
}

/**
 * Where the member's growth sits on a ladder drawn with evenly spaced tiers, as a percent of its length:
 * the current stretch is filled in proportion to the growth between its two thresholds.
 */
export function ladderPosition(tiers: readonly Pick<TierView, 'threshold'>[], growth: number): number {
  if (tiers.length < 2) return 100
  const gaps = tiers.length - 1
  if (growth >= tiers[gaps].threshold) return 100
  for (let i = gaps - 1; i >= 0; i -= 1) {
    const low = tiers[i].threshold
    const high = tiers[i + 1].threshold
    if (growth >= low) return ((i + (growth - low) / (high - low)) / gaps) * 100
  }
  return 0
}
