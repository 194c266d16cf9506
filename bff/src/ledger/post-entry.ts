import { AppError, livePoints, planLotConsumption, type LotTake } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { lockAccount } from './accounts'
import { takeFromLotsAtOnce, type LotTakeRow } from './lot-takes'
import { entryRow, lotRow, newEntryId, newLotId, type LedgerEntryRow } from './ledger-rows'
import { pointsLotOf, type Posting } from './posting'
import {
  creditAtOnce,
  entryWithAccount,
  heldParams,
  holdInserted,
  insertEntry,
  insertLot,
  moveAccountAboveZero,
  moveAccountIntoDebt,
  spendableLots,
  updateAccount,
} from './posting-statements'
import { isPostgres } from '../db/engine'

export type { LedgerEntryRow } from './ledger-rows'
export type { LotSource, Posting } from './posting'

const insufficient = (ledger: LedgerName) => (ledger === 'points' ? 'POINTS_INSUFFICIENT' : 'GROWTH_INSUFFICIENT')

/**
 * Appends one entry and moves the materialized balance and lots with it, all inside the caller's transaction.
 * The account row is locked first, so concurrent postings to one member serialise; the unique
 * (member, ledger, account_version) index makes a lost update impossible even if a caller forgot the lock.
 * Domains do not call it: credits go through `earn` (earning/earn.ts, which also upgrades), debits through
 * `postDebit`, corrections through `reverseEntry`; `earning/ledger-boundary.test.ts` keeps it so.
 */
export async function postEntry(trx: Transaction<Database>, posting: Posting): Promise<LedgerEntryRow> {
  const { amount } = posting
  if (!Number.isSafeInteger(amount) || amount === 0)
    throw new RangeError(`ledger amount must be a non-zero whole number, got ${amount}`)
  if (amount > 0) {
    const debtAllowed = posting.ledger === 'points' && posting.allowDebt === true
    if (posting.credit && !debtAllowed && isPostgres(trx)) {
      const entry = await creditInOneStatement(trx, posting, posting.credit)
      if (entry) return entry
    } else {
      const moved = await moveAccountBy(trx, posting)
      if (moved) return appendCredit(trx, posting, moved)
    }
  }
  const account = posting.lockedAccount ?? (await lockAccount(trx, posting.memberId, posting.ledger))
  const balanceAfter = account.balance + amount
  const entryId = newEntryId(posting.ledger, posting.now)
  let lotId: string | null = null
  let spendable = 0
  let takes: LotTakeRow[] = []

  if (amount < 0) {
    if (!posting.debit) throw new Error('a debit needs a lot source')
    const available = account.balance - (posting.debit.respectHeld ? account.held : 0)
    if (!posting.allowDebt && available < -amount) {
      throw new AppError(insufficient(posting.ledger), {
        available: Math.max(0, available),
        required: -amount,
        debt: Math.max(0, -account.balance),
      })
    }
    takes = await plannedTakes(trx, posting, -amount)
    if (posting.debit.from === 'lot') lotId = posting.debit.lotId
  } else if (posting.credit) {
    // Earnings repay an outstanding debt first; only the rest becomes spendable.
    spendable = Math.min(amount, Math.max(0, balanceAfter))
    if (spendable > 0) lotId = newLotId(posting.ledger, posting.now)
  }
  if (balanceAfter < 0 && !(posting.ledger === 'points' && posting.allowDebt)) {
    throw new AppError(insufficient(posting.ledger), { available: account.balance, required: -amount })
  }

  const entry = entryRow(posting, { entryId, lotId, balanceAfter, accountVersion: account.version + 1 })
  const moved = { balance: balanceAfter, version: account.version + 1 }
  if (isPostgres(trx)) {
    // The hold captured, the lots taken, the account locked above set and the entry appended in one round trip.
    const held = heldParams(posting.capturedHold)
    await entryWithAccount.affected(trx, { ...entry, ...moved, takes: JSON.stringify(takes), ...held })
  } else {
    if (posting.capturedHold) await holdInserted.affected(trx, { ...posting.capturedHold, status: 'captured' })
    await takeFromLotsAtOnce(trx, takes)
    await insertEntry.affected(trx, entry)
    await updateAccount.affected(trx, { memberId: posting.memberId, ledger: posting.ledger, ...moved })
  }
  if (lotId !== null && spendable > 0) await appendLot(trx, posting, { lotId, entryId, amount: spendable })
  return entry
}

/**
 * The common case of a credit as one statement instead of a locking read and a later update: the account moves by
 * the amount where it exists and stays at or above zero (below only for a points clawback that allows debt), and
 * answers the balance and version it moved to. The update takes the row lock the read would have taken, at the
 * same point of the posting. Undefined when it moved nothing (no account yet, or a balance that would go below
 * zero): the caller then takes the general path, which opens the account or refuses with the usual error.
 */
async function moveAccountBy(trx: Transaction<Database>, posting: Posting) {
  const debtAllowed = posting.ledger === 'points' && posting.allowDebt === true
  const move = debtAllowed ? moveAccountIntoDebt : moveAccountAboveZero
  return move.takeFirst(trx, { memberId: posting.memberId, ledger: posting.ledger, amount: posting.amount })
}

/**
 * On PostgreSQL a credit's move, entry and lot are one statement (`creditAtOnce`): one round trip instead of three.
 * Undefined when the account did not move (none yet, or it would stay below zero): nothing was written, and the
 * caller takes the general path.
 */
async function creditInOneStatement(
  trx: Transaction<Database>,
  posting: Posting,
  credit: NonNullable<Posting['credit']>,
): Promise<LedgerEntryRow | undefined> {
  const entryId = newEntryId(posting.ledger, posting.now)
  const lotId = newLotId(posting.ledger, posting.now)
  // The statement decides the entry's lot, balance and version from the moved account; these are placeholders.
  const fields = entryRow(posting, { entryId, lotId: null, balanceAfter: 0, accountVersion: 0 })
  const moved = await creditAtOnce.takeFirst(trx, { ...fields, lotId, lotExpiresAt: credit.expiresAt })
  if (!moved) return undefined
  const spendable = Math.min(posting.amount, Math.max(0, moved.balance))
  return entryRow(posting, {
    entryId,
    lotId: spendable > 0 ? lotId : null,
    balanceAfter: moved.balance,
    accountVersion: moved.version,
  })
}

/** Appends a credit's entry, and its lot for what is spendable, to an account already moved to `moved`. */
async function appendCredit(
  trx: Transaction<Database>,
  posting: Posting,
  moved: { balance: number; version: number },
): Promise<LedgerEntryRow> {
  const entryId = newEntryId(posting.ledger, posting.now)
  // Earnings repay an outstanding debt first; only the rest becomes spendable.
  const spendable = posting.credit ? Math.min(posting.amount, Math.max(0, moved.balance)) : 0
  const lotId = spendable > 0 ? newLotId(posting.ledger, posting.now) : null
  const entry = entryRow(posting, { entryId, lotId, balanceAfter: moved.balance, accountVersion: moved.version })
  await insertEntry.affected(trx, entry)
  if (lotId !== null) await appendLot(trx, posting, { lotId, entryId, amount: spendable })
  return entry
}

function appendLot(
  trx: Transaction<Database>,
  posting: Posting,
  lot: { lotId: string; entryId: string; amount: number },
) {
  const row = lotRow(posting, lot)
  return insertLot.affected(trx, { ...row, expires_at: row.expires_at ?? null })
}

/** A debit posting: what a domain may post directly (a spend, a fee), since it never opens a lot or upgrades. */
export type DebitPosting = Omit<Posting, 'credit' | 'debit'> & { debit: NonNullable<Posting['debit']> }

/** Posts a debit; a positive amount is refused, as credits go through `earn` and corrections through `reverseEntry`. */
export function postDebit(trx: Transaction<Database>, posting: DebitPosting): Promise<LedgerEntryRow> {
  if (!(posting.amount < 0)) throw new RangeError(`a debit must be negative, got ${posting.amount}`)
  return postEntry(trx, posting)
}

/**
 * What to take from which lot for `wanted` points; what the lots cannot cover stays as debt (allowed only where the
 * posting says so). Nothing is written here: the posting writes the takes with its entry.
 */
async function plannedTakes(trx: Transaction<Database>, posting: Posting, wanted: number): Promise<LotTakeRow[]> {
  const source = posting.debit!
  const lots = source.lots ?? (await spendableLots.execute(trx, { memberId: posting.memberId, ledger: posting.ledger }))
  const takes: LotTake[] = []
  let left = wanted
  if (source.from === 'lot') {
    const target = lots.find((lot) => lot.id === source.lotId)
    const take = Math.min(left, target?.remaining ?? 0)
    if (take > 0) takes.push({ lotId: source.lotId, points: take })
    left -= take
  }
  if (left > 0 && (source.from === 'earliest_expiry' || source.overflow === 'earliest_expiry')) {
    const others = lots.filter((lot) => !takes.some((t) => t.lotId === lot.id)).map(pointsLotOf)
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
  return takes.map((take) => ({ id: take.lotId, take: take.points }))
}
