import { lifecycleLabels, rfmGroupLabel, type ProgramRules, type SegmentFilter } from '@mc/shared'

/**
 * A filter in words for lists and the campaign wizard, e.g. 黄金及以上 · 重要挽留 · 30 天未下单. Tiers that run from
 * one tier to the top read "X及以上"; unknown ids (an outlet since removed) are shown as they are stored.
 */
export function segmentSummary(filter: SegmentFilter, rules: ProgramRules, outletNames: Map<string, string>): string {
  const parts: string[] = []
  const list = (values: readonly string[]) => values.join('/')
  if (filter.tiers) parts.push(tiersInWords(filter.tiers, rules))
  if (filter.rfmGroups) parts.push(list(filter.rfmGroups.map((g) => rfmGroupLabel(g) ?? g)))
  if (filter.lifecycles) parts.push(list(filter.lifecycles.map((l) => lifecycleLabels[l])))
  if (filter.tagsAny) parts.push(`标签 ${list(filter.tagsAny)}`)
  if (filter.neverOrdered === true) parts.push('从未下单')
  if (filter.neverOrdered === false) parts.push('下过单')
  const since = filter.daysSinceLastOrder
  if (since?.min !== undefined && since.max !== undefined) parts.push(`${since.min}–${since.max} 天未下单`)
  else if (since?.min !== undefined) parts.push(`${since.min} 天未下单`)
  else if (since?.max !== undefined) parts.push(`${since.max} 天内下过单`)
  if (filter.outletIds) parts.push(`来自${list(filter.outletIds.map((id) => outletNames.get(id) ?? id))}`)
  if (filter.birthdayMonths) parts.push(`生日在 ${[...filter.birthdayMonths].sort((a, b) => a - b).join('/')} 月`)
  const points = filter.pointsBalance
  if (points?.min !== undefined && points.max !== undefined) parts.push(`积分 ${points.min}–${points.max}`)
  else if (points?.min !== undefined) parts.push(`积分 ≥ ${points.min}`)
  else if (points?.max !== undefined) parts.push(`积分 ≤ ${points.max}`)
  const joined = filter.joinedBetween
  if (joined?.from && joined.to) parts.push(`${joined.from} 至 ${joined.to} 入会`)
  else if (joined?.from) parts.push(`${joined.from} 起入会`)
  else if (joined?.to) parts.push(`${joined.to} 前入会`)
  if (filter.signedInWithinDays !== undefined) parts.push(`${filter.signedInWithinDays} 天内签到过`)
  return parts.length > 0 ? parts.join(' · ') : '全部会员'
}

function tiersInWords(keys: string[], rules: ProgramRules): string {
  const ranks = rules.tiers.map((t, i) => (keys.includes(t.key) ? i : -1)).filter((i) => i >= 0)
  const lowest = Math.min(...ranks)
  const top = rules.tiers.length - 1
  const contiguousToTop = ranks.length === top - lowest + 1 && ranks.length > 1
  if (contiguousToTop && lowest > 0) return `${rules.tiers[lowest].name}及以上`
  if (contiguousToTop && lowest === 0) return '全部等级'
  return keys.map((k) => rules.tiers.find((t) => t.key === k)?.name ?? k).join('/')
}
