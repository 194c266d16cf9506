import { entryKindLabels, type EntryKind, type ExpiringPoints, type HistoryPage, type HistoryQuery } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { cursorPage } from '../db/cursor-page'

/** One page of a member's entries on one ledger, newest first, by keyset on the time-ordered id. */
export async function ledgerHistory(
  db: Kysely<Database>,
  memberId: string,
  ledger: LedgerName,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['id', 'amount', 'kind', 'reason', 'balance_after', 'occurred_at', 'business_day'])
    .where('member_id', '=', memberId)
    .where('ledger', '=', ledger)
    .$if(query.cursor !== undefined, (q) => q.where('id', '<', query.cursor!))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  return {
    entries: page.map((row) => ({
      id: row.id,
      amount: row.amount,
      kind: row.kind as EntryKind,
      kindLabel: entryKindLabels[row.kind as EntryKind] ?? row.kind,
      reason: row.reason,
      balanceAfter: row.balance_after,
      occurredAt: row.occurred_at,
      businessDay: row.business_day,
    })),
    nextCursor,
  }
}

export async function expiringPoints(db: Kysely<Database>, memberId: string, now: Date): Promise<ExpiringPoints> {
  const rows = await db
    .selectFrom('ledger_lots')
    .select((eb) => ['expires_at', eb.fn.sum<number>('remaining').as('points')])
    .where('member_id', '=', memberId)
    .where('ledger', '=', 'points')
    .where('remaining', '>', 0)
    .where('expires_at', '>', now.toISOString())
    .groupBy('expires_at')
    .orderBy('expires_at')
    .execute()
  const lots = rows.map((row) => ({ points: Number(row.points), expiresAt: row.expires_at! }))
  return { total: lots.reduce((sum, lot) => sum + lot.points, 0), lots }
}
