import {
  entryKindLabels,
  lotExtendability,
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
import { entrySources } from './entry-sources'
import { publishedProgram } from '../program/published-program'

/** One page of a member's entries on one ledger, newest first, by keyset on the time-ordered id. */
export async function ledgerHistory(
  db: Kysely<Database>,
  memberId: string,
  ledger: LedgerName,
  query: HistoryQuery,
): Promise<HistoryPage> {
  const { page, nextCursor } = await entryRows(db, memberId, ledger, query)
  const sources = await entrySources(db, memberId, page)
  return { entries: page.map((row) => ({ ...historyEntry(row), source: sources.get(row.id) ?? null })), nextCursor }
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
      'ref_type',
      'ref_id',
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

/**
 * The member's points lots that will lapse, soonest first, each with the extension offer the rules make for it
 * (null when the program has none or the lot does not qualify) and, for a lot already extended, its old expiry.
 */
export async function expiringPoints(db: Kysely<Database>, memberId: string, now: Date): Promise<ExpiringPoints> {
  const [rows, { rules }] = await Promise.all([
    db
      .selectFrom('ledger_lots as l')
      .leftJoin('points_lot_extensions as x', 'x.lot_id', 'l.id')
      .select(['l.id', 'l.remaining', 'l.expires_at', 'x.expires_at_before'])
      .where('l.member_id', '=', memberId)
      .where('l.ledger', '=', 'points')
      .where('l.remaining', '>', 0)
      .where('l.expires_at', '>', now.toISOString())
      .orderBy('l.expires_at')
      .orderBy('l.id')
      .execute(),
    publishedProgram(db),
  ])
  const rule = rules.points.extension
  const lots = rows.map((row) => {
    const extended = row.expires_at_before !== null
    const verdict = lotExtendability(
      { remaining: row.remaining, expiresAt: row.expires_at, extended },
      rule,
      now,
      rules.calendar,
    )
    return {
      lotId: row.id,
      points: Number(row.remaining),
      expiresAt: row.expires_at!,
      extension:
        rule && verdict?.extendable ? { costPoints: rule.costPoints, expiresAtAfter: verdict.expiresAt } : null,
      extendedFrom: row.expires_at_before,
    }
  })
  return { total: lots.reduce((sum, lot) => sum + lot.points, 0), lots }
}
