import type { HistoryPage, MemberHistoryEntry } from '@mc/shared'

/** A growth or points entry as GET /api/me/growth and /api/me/points send it; `over` replaces any field. */
export function historyEntry(n: number, over: Partial<MemberHistoryEntry> = {}): MemberHistoryEntry {
  return {
    // Ids are time-ordered like the BFF's: a higher n is newer.
    id: `pte_01M84J4DRZDPJDQ2G5H3TX${String(n).padStart(4, '0')}`,
    amount: 100,
    kind: 'order',
    kindLabel: '订单消费',
    reason: `订单 demo-${n} 实付 ¥100.00`,
    balanceAfter: 100 * n,
    occurredAt: '2026-11-02T15:59:27.007Z',
    businessDay: '2026-11-02',
    source: { type: 'order', channel: 'online', outletName: null, paidFen: 10_000, refundFen: null },
    ...over,
  }
}

/** A page of entries numbered `from` down to `from - count + 1`, newest first; `last` makes it the final page. */
export function historyPage(from: number, count: number, last = false): HistoryPage {
  const entries = Array.from({ length: count }, (_, i) => historyEntry(from - i))
  return { entries, nextCursor: last ? null : entries[entries.length - 1].id }
}
