import { idFloor, newId, type BusinessDay } from '@mc/shared'
import type { Insertable, Selectable } from 'kysely'
import type { LedgerEntriesTable, LedgerLotsTable, LedgerName } from '../db/schema'
import type { Posting } from './posting'

export type LedgerEntryRow = Selectable<LedgerEntriesTable>

const entryPrefix = (ledger: LedgerName) => (ledger === 'growth' ? 'gre' : 'pte')

/** A new entry's id: time-ordered, so an account's entries sort as they were posted. */
export const newEntryId = (ledger: LedgerName, now: Date) => newId(entryPrefix(ledger), now.getTime())
export const newLotId = (ledger: LedgerName, now: Date) => newId(ledger === 'growth' ? 'glt' : 'plt', now.getTime())

/**
 * The lowest id an entry of business day `day` can have on a ledger. An entry is written once its day has begun
 * (a make-up or a late webhook later, never before), and ids are time-ordered, so two days before the day's UTC date
 * covers every time zone, day start and another instance's clock running behind.
 */
export const entryIdFloor = (ledger: LedgerName, day: BusinessDay) =>
  idFloor(entryPrefix(ledger), Date.parse(`${day}T00:00:00Z`) - 2 * 86_400_000)

/** Where the entry lands: the account's balance and version after it, and the lot it opened or took from. */
export interface EntryPlace {
  entryId: string
  lotId: string | null
  balanceAfter: number
  accountVersion: number
}

/**
 * The one definition of what a ledger entry row holds, for every writer: `postEntry` one at a time and
 * `postEntriesBulk` many at a time, so the two cannot disagree on a column.
 */
export function entryRow(posting: Posting, place: EntryPlace): LedgerEntryRow {
  return {
    id: place.entryId,
    member_id: posting.memberId,
    ledger: posting.ledger,
    amount: posting.amount,
    kind: posting.kind,
    reason: posting.reason,
    actor: posting.actor,
    actor_id: posting.actorId ?? null,
    ref_type: posting.ref?.type ?? null,
    ref_id: posting.ref?.id ?? null,
    idempotency_key: posting.idempotencyKey ?? null,
    reverses_entry_id: posting.reversesEntryId ?? null,
    corrects_entry_id: posting.correctsEntryId ?? null,
    lot_id: place.lotId,
    rule_version: posting.ruleVersion,
    balance_after: place.balanceAfter,
    account_version: place.accountVersion,
    business_day: posting.businessDay,
    occurred_at: posting.occurredAt.toISOString(),
    created_at: posting.now.toISOString(),
  }
}

/** The lot a credit opens with what of it is spendable (a credit repays debt first), lapsing as the posting says. */
export function lotRow(
  posting: Posting,
  lot: { lotId: string; entryId: string; amount: number },
): Insertable<LedgerLotsTable> {
  if (!posting.credit) throw new Error('only a credit opens a lot')
  return {
    id: lot.lotId,
    member_id: posting.memberId,
    ledger: posting.ledger,
    entry_id: lot.entryId,
    amount: lot.amount,
    remaining: lot.amount,
    expires_at: posting.credit.expiresAt,
    created_at: posting.now.toISOString(),
  }
}
