import type { MeResponse, NextTierPath } from '@mc/shared'
import { chineseDate, yuanFromFen } from '../format'

// Each function returns null when there is nothing worth saying, so the page simply leaves the line out.
// Growth values stay ungrouped (like the card's 再得 500 成长值…); only points and money get thousands separators.

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

/** What keeps the current tier past its validity, or that it is already kept. */
export function retainSentence(retain: MeResponse['retain']): string | null {
  if (retain === null) return null
  if (retain.growthShort <= 0) return '已满足保级条件'
  return `保级：${chineseDate(retain.byDay)}前累计成长值需达 ${retain.threshold}，还差 ${retain.growthShort}`
}

/** Growth from paid orders that is not counted until they complete. */
export function pendingGrowthText(pendingGrowth: number): string | null {
  return pendingGrowth > 0 ? `待入账成长值 ${pendingGrowth}` : null
}

/** Counted growth that leaves the window before the tier's validity ends. */
export function atRiskGrowthText(atRiskGrowth: number): string | null {
  return atRiskGrowth > 0 ? `${atRiskGrowth} 成长值将于有效期内过期` : null
}
