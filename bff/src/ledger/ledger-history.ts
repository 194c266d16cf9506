import {
  entryKindLabels,
  type AdminHistoryPage,
  type EntryKind,
  type ExpiringPoints,
  type HistoryEntry,
  type HistoryPage,
  type HistoryQuery,
} from '@mc/shared'
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
  const { page, nextCursor } = await entryRows(db, memberId, ledger, query)
  return { entries: page.map(historyEntry), nextCursor }
}

/** The same page for the merchant console: each entry also says its rule version and who posted it. */
export async function adminLedgerHistory(
  db: Kysely<Database>,
  memberId: string,
  ledger: LedgerName,
  query: HistoryQuery,
): Promise<AdminHistoryPage> {
  const { page, nextCursor } = await entryRows(db, memberId, ledger, query)
  return {
    entries: page.map((row) => ({
      ...historyEntry(row),
      ruleVersion: row.rule_version,
      actor: row.actor,
      actorId: row.actor_id,
      reversesEntryId: row.reverses_entry_id,
    })),
    nextCursor,
  }
}

async function entryRows(db: Kysely<Database>, memberId: string, ledger: LedgerName, query: HistoryQuery) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select([
      'id',
      'amount',
      'kind',
      'reason',
      'balance_after',
      'occurred_at',
      'business_day',
      'rule_version',
      'actor',
      'actor_id',
      'reverses_entry_id',
    ])
    .where('member_id', '=', memberId)
    .where('ledger', '=', ledger)
    .$if(query.cursor !== undefined, (q) => q.where('id', '<', query.cursor!))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  return cursorPage(rows, query.limit)
}

type EntryRow = Awaited<ReturnType<typeof entryRows>>['page'][number]

function historyEntry(row: EntryRow): HistoryEntry {
  return {
    id: row.id,
    amount: row.amount,
    kind: row.kind as EntryKind,
    kindLabel: entryKindLabels[row.kind as EntryKind] ?? row.kind,
    reason: row.reason,
    balanceAfter: row.balance_after,
    occurredAt: row.occurred_at,
    businessDay: row.business_day,
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
