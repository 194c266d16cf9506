import { AppError, livePoints, newId, planLotConsumption, type EntryKind, type LotTake } from '@mc/shared'
import type { Selectable, Transaction } from 'kysely'
import type { Database, LedgerActor, LedgerEntriesTable, LedgerName } from '../db/schema'
import { lockAccount } from './accounts'

/** How a debit takes from lots: spends go earliest-expiry-first; reversals and expiry aim at one lot. */
export type LotSource = { from: 'earliest_expiry' } | { from: 'lot'; lotId: string; overflow: 'earliest_expiry' | 'none' }

/** One posting. `amount` is signed; a credit opens a lot that lapses at `expiresAt` (null: never). */
export interface Posting {
  memberId: string
  ledger: LedgerName
  amount: number
  kind: EntryKind
  /** The sentence the member reads, in Chinese. */
  reason: string
  actor: LedgerActor
  actorId?: string | null
  ref?: { type: string; id: string }
  idempotencyKey?: string | null
  ruleVersion: number
  businessDay: string
  occurredAt: Date
  now: Date
  credit?: { expiresAt: string | null }
  debit?: LotSource & { respectHeld: boolean }
  /** Only a refund clawback of points may take the balance below zero, recorded as debt. */
  allowDebt?: boolean
  correctsEntryId?: string | null
  reversesEntryId?: string | null
}

const insufficient = (ledger: LedgerName) => (ledger === 'points' ? 'POINTS_INSUFFICIENT' : 'GROWTH_INSUFFICIENT')

export type LedgerEntryRow = Selectable<LedgerEntriesTable>

/**
 * Appends one entry and moves the materialized balance and lots with it, all inside the caller's transaction.
 * The account row is locked first, so concurrent postings to one member serialise; the unique
 * (member, ledger, account_version) index makes a lost update impossible even if a caller forgot the lock.
 */
export async function postEntry(trx: Transaction<Database>, posting: Posting): Promise<LedgerEntryRow> {
  const { amount } = posting
  if (!Number.isSafeInteger(amount) || amount === 0) throw new RangeError(`ledger amount must be a non-zero whole number, got ${amount}`)
  const account = await lockAccount(trx, posting.memberId, posting.ledger)
  const balanceAfter = account.balance + amount
  const entryId = newId(posting.ledger === 'growth' ? 'gre' : 'pte', posting.now.getTime())
  let lotId: string | null = null
  let spendable = 0

  if (amount < 0) {
    if (!posting.debit) throw new Error('a debit needs a lot source')
    const available = account.balance - (posting.debit.respectHeld ? account.held : 0)
    if (!posting.allowDebt && available < -amount) {
      throw new AppError(insufficient(posting.ledger), { available: Math.max(0, available), required: -amount, debt: Math.max(0, -account.balance) })
    }
    await takeFromLots(trx, posting, -amount)
    if (posting.debit.from === 'lot') lotId = posting.debit.lotId
  } else if (posting.credit) {
    // Earnings repay an outstanding debt first; only the rest becomes spendable.
    spendable = Math.min(amount, Math.max(0, balanceAfter))
    if (spendable > 0) lotId = newId(posting.ledger === 'growth' ? 'glt' : 'plt', posting.now.getTime())
  }
  if (balanceAfter < 0 && !(posting.ledger === 'points' && posting.allowDebt)) {
    throw new AppError(insufficient(posting.ledger), { available: account.balance, required: -amount })
  }

  const entry = {
    id: entryId, member_id: posting.memberId, ledger: posting.ledger, amount, kind: posting.kind, reason: posting.reason,
    actor: posting.actor, actor_id: posting.actorId ?? null, ref_type: posting.ref?.type ?? null, ref_id: posting.ref?.id ?? null,
    idempotency_key: posting.idempotencyKey ?? null, reverses_entry_id: posting.reversesEntryId ?? null,
    corrects_entry_id: posting.correctsEntryId ?? null, lot_id: lotId, rule_version: posting.ruleVersion,
    balance_after: balanceAfter, account_version: account.version + 1, business_day: posting.businessDay,
    occurred_at: posting.occurredAt.toISOString(), created_at: posting.now.toISOString(),
  }
  await trx.insertInto('ledger_entries').values(entry).execute()
  if (lotId !== null && spendable > 0) await openLot(trx, posting, { lotId, entryId, amount: spendable })
  await trx.updateTable('ledger_accounts').set({ balance: balanceAfter, version: account.version + 1 })
    .where('member_id', '=', posting.memberId).where('ledger', '=', posting.ledger).execute()
  return entry
}

async function openLot(trx: Transaction<Database>, posting: Posting, lot: { lotId: string; entryId: string; amount: number }) {
  const { lotId, entryId, amount } = lot
  await trx.insertInto('ledger_lots').values({
    id: lotId, member_id: posting.memberId, ledger: posting.ledger, entry_id: entryId, amount, remaining: amount,
    expires_at: posting.credit!.expiresAt, created_at: posting.now.toISOString(),
  }).execute()
}

/** Takes `points` from lots; what the lots cannot cover stays as debt (allowed only where the posting says so). */
async function takeFromLots(trx: Transaction<Database>, posting: Posting, wanted: number): Promise<void> {
  const source = posting.debit!
  const lots = await trx.selectFrom('ledger_lots').select(['id', 'remaining', 'expires_at'])
    .where('member_id', '=', posting.memberId).where('ledger', '=', posting.ledger).where('remaining', '>', 0).execute()
  const takes: LotTake[] = []
  let left = wanted
  if (source.from === 'lot') {
    const target = lots.find((lot) => lot.id === source.lotId)
    const take = Math.min(left, target?.remaining ?? 0)
    if (take > 0) takes.push({ lotId: source.lotId, points: take })
    left -= take
  }
  if (left > 0 && (source.from === 'earliest_expiry' || source.overflow === 'earliest_expiry')) {
    const others = lots.filter((lot) => !takes.some((t) => t.lotId === lot.id))
      .map((lot) => ({ id: lot.id, remaining: lot.remaining, expiresAt: lot.expires_at }))
    // An expired lot is never spent, even before the expiry sweep has written it off.
    const coverable = Math.min(left, livePoints(others, posting.now))
    if (coverable > 0) {
      takes.push(...planLotConsumption(others, coverable, posting.now)!)
      left -= coverable
    }
  }
  if (left > 0 && !posting.allowDebt) {
    throw new AppError(insufficient(posting.ledger), { required: wanted, coverable: wanted - left })
  }
  for (const take of takes) {
    await trx.updateTable('ledger_lots').set((eb) => ({ remaining: eb('remaining', '-', take.points) }))
      .where('id', '=', take.lotId).execute()
  }
}
