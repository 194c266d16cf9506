import { entryKindLabels, type EntryKind, type HistoryEntry, type MemberDataExport } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { exportRecord } from './export-records'

/** Both ledgers of one member in full, oldest entry first, each entry with the sentence that explains it. */
export async function exportLedgers(
  db: Kysely<Database>,
  memberId: string,
): Promise<Pick<MemberDataExport, 'growth' | 'points'>> {
  const [accounts, entries, lots, holds, extensions] = await Promise.all([
    db.selectFrom('ledger_accounts').select(['ledger', 'balance', 'held']).where('member_id', '=', memberId).execute(),
    db
      .selectFrom('ledger_entries')
      .select(['id', 'ledger', 'amount', 'kind', 'reason', 'balance_after', 'occurred_at', 'business_day'])
      .where('member_id', '=', memberId)
      .orderBy('ledger')
      .orderBy('account_version')
      .execute(),
    db
      .selectFrom('ledger_lots')
      .select(['id', 'amount', 'remaining', 'expires_at', 'created_at'])
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .orderBy('id')
      .execute(),
    db.selectFrom('points_holds').selectAll().where('member_id', '=', memberId).orderBy('created_at').execute(),
    db.selectFrom('points_lot_extensions').selectAll().where('member_id', '=', memberId).orderBy('id').execute(),
  ])
  const account = (ledger: LedgerName) => accounts.find((a) => a.ledger === ledger)
  const ledgerEntries = (ledger: LedgerName): HistoryEntry[] =>
    entries
      .filter((entry) => entry.ledger === ledger)
      .map((entry) => ({
        id: entry.id,
        amount: Number(entry.amount),
        kind: entry.kind as EntryKind,
        kindLabel: entryKindLabels[entry.kind as EntryKind] ?? entry.kind,
        reason: entry.reason,
        balanceAfter: Number(entry.balance_after),
        occurredAt: entry.occurred_at,
        businessDay: entry.business_day,
      }))
  return {
    growth: { balance: Number(account('growth')?.balance ?? 0), entries: ledgerEntries('growth') },
    points: {
      balance: Number(account('points')?.balance ?? 0),
      held: Number(account('points')?.held ?? 0),
      entries: ledgerEntries('points'),
      lots: lots.map((lot) => ({
        id: lot.id,
        amount: Number(lot.amount),
        remaining: Number(lot.remaining),
        expiresAt: lot.expires_at,
        createdAt: lot.created_at,
      })),
      holds: holds.map((hold) => exportRecord(hold)),
      extensions: extensions.map((extension) => exportRecord(extension)),
    },
  }
}
