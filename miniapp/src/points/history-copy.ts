import type { EntryKind, HistoryEntry } from '@mc/shared'
import { groupThousands, shanghaiMonth } from '../format'
import type { HistoryType } from './points.store'

// Growth values stay ungrouped as everywhere else in the app (再得 500 成长值…); points get thousands separators.
const amountText = (type: HistoryType, value: number) =>
  type === 'points' ? groupThousands(value) : String(Math.trunc(value))

/** The page title and tab label of each history. */
export const historyTitles: Record<HistoryType, string> = { growth: '成长值明细', points: '积分明细' }
export const historyTabLabels: Record<HistoryType, string> = { growth: '成长值', points: '积分' }

/** The `type` page parameter as a history type; anything unknown opens the growth history. */
export function historyTypeFromParam(value: string | undefined): HistoryType {
  return value === 'points' ? 'points' : 'growth'
}

/** A signed change as the row shows it: +388, -80, +1,188. */
export function signedAmountText(type: HistoryType, amount: number): string {
  return amount > 0 ? `+${amountText(type, amount)}` : amountText(type, amount)
}

/** What the ledger held after the entry: 余额 2,997 for points, 成长值 2514 for growth. */
export function balanceAfterText(type: HistoryType, balanceAfter: number): string {
  return type === 'points' ? `余额 ${amountText(type, balanceAfter)}` : `成长值 ${amountText(type, balanceAfter)}`
}

// One character per kind, shown in a tinted square like the home page's notes: NutUI's icons would each embed an
// SVG, and a character reads just as well.
const kindMarks: Record<EntryKind, string> = {
  order: '购',
  sign_in: '签',
  share: '享',
  review: '评',
  profile_completed: '资',
  first_order: '首',
  task: '任',
  opening: '初',
  join_gift: '礼',
  adjustment: '调',
  refund: '退',
  redeem: '兑',
  expiry: '期',
  reversal: '冲',
}

export function kindMark(kind: string, kindLabel: string): string {
  return kindMarks[kind as EntryKind] ?? (kindLabel.slice(0, 1) || '记')
}

/** Entries in their order under a heading per month (Asia/Shanghai), as a bill list reads. */
export function groupByMonth(entries: readonly HistoryEntry[]): { month: string; entries: HistoryEntry[] }[] {
  const groups: { month: string; entries: HistoryEntry[] }[] = []
  for (const entry of entries) {
    const month = shanghaiMonth(entry.occurredAt)
    const last = groups[groups.length - 1]
    if (last && last.month === month) last.entries.push(entry)
    else groups.push({ month, entries: [entry] })
  }
  return groups
}
