import type { EntryKind, EntrySource, MemberHistoryEntry } from '@mc/shared'
import { groupThousands, shanghaiMonth, yuanFromFen } from '../format'
import type { HistoryType } from './points.store'

/** The page title and tab label of each history. */
export const historyTitles: Record<HistoryType, string> = { growth: '成长值明细', points: '积分明细' }
export const historyTabLabels: Record<HistoryType, string> = { growth: '成长值', points: '积分' }

/** The `type` page parameter as a history type; anything unknown opens the growth history. */
export function historyTypeFromParam(value: string | undefined): HistoryType {
  return value === 'points' ? 'points' : 'growth'
}

/** What the ledger held after the entry: 余额 2,997 for points, 成长值 2,514 for growth (every balance grouped). */
export function balanceAfterText(type: HistoryType, balanceAfter: number): string {
  return type === 'points' ? `余额 ${groupThousands(balanceAfter)}` : `成长值 ${groupThousands(balanceAfter)}`
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

type OrderSource = Extract<EntrySource, { type: 'order' }>

/** Where an order was placed, as the shopper knows it: 线上订单, or the store's name for a till purchase. */
export function orderPlace(source: OrderSource): string {
  if (source.channel === 'online') return '线上订单'
  return source.outletName ?? '门店消费'
}

// Kinds whose `reason` sentence names an order id (订单 e2e-21 实付 …): never shown, the title is built instead.
const orderKinds: ReadonlySet<string> = new Set(['order', 'refund', 'first_order', 'review'])

/**
 * What the row is called: the place of an order (线上订单 / 徐汇店), its refund, the item redeemed, or the entry's
 * own sentence when it names nothing internal (每日签到, 积分到期（…获得）, the merchant's adjustment note).
 */
export function entryTitle(entry: MemberHistoryEntry): string {
  const source = entry.source
  if (source?.type === 'order') {
    if (entry.kind === 'order') return orderPlace(source)
    if (entry.kind === 'refund') return `${orderPlace(source)}退款`
    if (entry.kind === 'reversal') return '退款收回首单奖励'
    return entry.kindLabel
  }
  if (source?.type === 'redemption') return `兑换「${source.itemTitle}」×${source.quantity}`
  return orderKinds.has(entry.kind) ? entry.kindLabel : entry.reason
}

/** The line under the title beside the date: what was paid or refunded, or where the rewarded order was placed. */
export function entryDetail(entry: MemberHistoryEntry): string | null {
  const source = entry.source
  if (source?.type !== 'order') return null
  if (entry.kind === 'order') return `实付 ${yuanFromFen(source.paidFen)}`
  if (entry.kind === 'refund') return source.refundFen === null ? null : `退款 ${yuanFromFen(source.refundFen)}`
  return orderPlace(source)
}

/** Entries in their order under a heading per month (Asia/Shanghai), as a bill list reads. */
export function groupByMonth<Entry extends { occurredAt: string }>(
  entries: readonly Entry[],
): { month: string; entries: Entry[] }[] {
  const groups: { month: string; entries: Entry[] }[] = []
  for (const entry of entries) {
    const month = shanghaiMonth(entry.occurredAt)
    const last = groups[groups.length - 1]
    if (last && last.month === month) last.entries.push(entry)
    else groups.push({ month, entries: [entry] })
  }
  return groups
}
