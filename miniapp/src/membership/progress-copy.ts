import type { MeResponse, NextTierPath } from '@mc/shared'
import { chineseDate, groupThousands, yuanFromFen } from '../format'

// Each function returns null when there is nothing worth saying, so the page simply leaves the line out.
// Growth values are counts like points: thousands separators through `groupThousands` (再得 1,298 成长值…).

/** The cheapest ways up in plain words: 再下一单满 ¥200 或签到 100 天即可升级. */
export function pathsSentence(paths: readonly NextTierPath[]): string | null {
  const ways = paths.map((path) =>
    path.kind === 'order' ? `下一单满 ${yuanFromFen(path.amountFen)}` : `签到 ${path.days} 天`,
  )
  if (ways.length === 0) return null
  // A space wherever a number meets Chinese text, as in the rest of the copy: 满 ¥200 或签到.
  return `再${ways.join('或')}即可升级`.replace(/(\d)(?=[\u4e00-\u9fff])/g, '$1 ')
}

/** 有效期至 2027年11月23日; the entry tier never lapses and shows nothing. */
export function validUntilText(validUntil: string | null): string | null {
  return validUntil === null ? null : `有效期至 ${chineseDate(validUntil)}`
}

/**
 * 保级 in the shopper's terms: whether the tier is kept, and if not how much more growth by when; then why, in
 * what will still count on the last day of validity; and a 怎么算 sheet. Null for the entry tier (nothing to keep).
 */
export interface RetainStory {
  kept: boolean
  /** 已满足保级条件, or 2027年11月23日前再获得 400 成长值即可保持白银会员. */
  headline: string
  /** What will still count on the last day, and what leaves the window before it. */
  detail: string
  /** The 怎么算 sheet, one rule or sum a line. */
  howItWorks: string[]
}

export function retainStory(me: Pick<MeResponse, 'tier' | 'growth' | 'retain'>): RetainStory | null {
  const { retain } = me
  if (retain === null) return null
  const day = chineseDate(retain.byDay)
  const lapsing = Math.max(0, me.growth - retain.growthKept)
  const kept = retain.growthShort <= 0
  return {
    kept,
    headline: kept
      ? '已满足保级条件'
      : `${day}前再获得 ${groupThousands(retain.growthShort)} 成长值即可保持${me.tier.name}`,
    detail: retainDetail(me.growth, lapsing, retain, day),
    howItWorks: [
      `成长值自获得之日起计入 ${retain.windowDays} 天，满 ${retain.windowDays} 天后不再计入等级。`,
      `${me.tier.name}有效期至 ${day}。届时仍计入的成长值达到 ${groupThousands(retain.threshold)}，即可保持${me.tier.name}；` +
        '未达到的，按届时的成长值重新评定等级。',
      `当前成长值 ${groupThousands(me.growth)} = 到 ${day}仍计入的 ${groupThousands(retain.growthKept)} + ` +
        `在此之前满 ${retain.windowDays} 天的 ${groupThousands(lapsing)}。`,
      '成长值达到更高等级的门槛时立即升级。',
    ],
  }
}

// The four cases the member meets: all still counting, part leaving the window, all leaving it; kept or short.
function retainDetail(growth: number, lapsing: number, retain: NonNullable<MeResponse['retain']>, day: string) {
  const { growthShort, windowDays } = retain
  const threshold = groupThousands(retain.threshold)
  const need = growthShort <= 0 ? `已达到保级所需的 ${threshold}` : `保级需 ${threshold}`
  if (lapsing <= 0) return `到 ${day}，现有 ${groupThousands(growth)} 成长值仍全部计入，${need}`
  const leaving = `将在 ${day}前满 ${windowDays} 天、不再计入`
  if (retain.growthKept <= 0)
    return `现有 ${groupThousands(growth)} 成长值都${leaving}；保级需在此之前新获得 ${threshold}`
  const kept = groupThousands(retain.growthKept)
  return `现有 ${groupThousands(growth)} 成长值中，${groupThousands(lapsing)} ${leaving}；届时仍计入 ${kept}，${need}`
}

/** Growth from paid orders that is not counted until they complete. */
export function pendingGrowthText(pendingGrowth: number): string | null {
  return pendingGrowth > 0 ? `待入账成长值 ${groupThousands(pendingGrowth)}` : null
}
