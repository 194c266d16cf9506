import { AppError, businessDayOf } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerActor } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { lockAccount } from './accounts'
import { lotExpiresAt } from './lot-expiry'
import { postEntry, type LedgerEntryRow, type Posting } from './post-entry'

/** A correction of one entry, by whoever corrects it. */
export interface Reversal {
  entryId: string
  /**
   * How much to take back, positive. Omitted: all that is left of the entry, recorded as its reversal
   * (`reverses_entry_id`, at most one per entry). Given: a partial correction (`corrects_entry_id`), such as the
   * proportional share of a refund; corrections may repeat until nothing of the entry is left.
   */
  amount?: number
  /** 'refund' for refund clawbacks, else 'reversal'. */
  kind?: 'reversal' | 'refund'
  /** The sentence the member reads, in Chinese. */
  reason: string
  idempotencyKey: string
  actor: LedgerActor
  actorId?: string | null
  ref?: { type: string; id: string }
  /**
   * A refund clawback of points: may spill over other lots, ignore holds and run the balance into debt (DESIGN.md §3).
   */
  clawback?: boolean
  /**
   * The program in force: a reversed debit comes back as a new lot under its expiry rules, the old lots may have
   * lapsed.
   */
  program: PublishedProgram
  /** Default: the program's version. */
  ruleVersion?: number
  /** Default: now. */
  occurredAt?: Date
  now: Date
}

/**
 * The one way to correct an entry: never an update, always a new entry of the opposite sign that references it.
 * The account is locked before anything is checked, so of two corrections racing for one entry the second sees the
 * first: a whole reversal happens once (then `ALREADY_REVERSED`), and corrections never take back more than is left
 * of the entry (`ALREADY_REVERSED` with what remains). A reversed credit is taken from its own lot first.
 */
export async function reverseEntry(trx: Transaction<Database>, reversal: Reversal): Promise<LedgerEntryRow> {
  const entry = await correct(trx, reversal, 'refuse')
  // 'refuse' throws instead of returning null
  if (!entry) throw new Error(`reversal of ${reversal.entryId} wrote nothing`)
  return entry
}

/**
 * A partial correction that takes back at most what is left of the entry, and nothing (null) once nothing is:
 * for a refund clawback, which must apply whatever a merchant corrected by hand before it arrived.
 */
export function takeBackUpTo(
  trx: Transaction<Database>,
  reversal: Reversal & { amount: number },
): Promise<LedgerEntryRow | null> {
  return correct(trx, reversal, 'cap')
}

async function correct(
  trx: Transaction<Database>,
  reversal: Reversal,
  excess: 'refuse' | 'cap',
): Promise<LedgerEntryRow | null> {
  const original = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', reversal.entryId)
    .executeTakeFirst()
  if (!original) throw new AppError('ENTRY_NOT_FOUND', { entryId: reversal.entryId })
  await lockAccount(trx, original.member_id, original.ledger)
  const remaining = await remainingOf(trx, original)
  const whole = reversal.amount === undefined
  const asked = reversal.amount ?? remaining
  const amount = excess === 'cap' ? Math.min(asked, remaining) : asked
  if (excess === 'cap' && amount === 0) return null
  if (remaining === 0 || amount > remaining) {
    throw new AppError('ALREADY_REVERSED', { entryId: original.id, remaining, requested: amount })
  }
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError(`a reversal takes back a positive whole number, got ${amount}`)
  const { program, now } = reversal
  const occurredAt = reversal.occurredAt ?? now
  const takesBack = original.amount > 0
  const points = original.ledger === 'points'
  const clawback = reversal.clawback === true
  const lotSource: Posting['debit'] = original.lot_id
    ? { from: 'lot', lotId: original.lot_id, overflow: points ? 'earliest_expiry' : 'none', respectHeld: !clawback }
    : { from: 'earliest_expiry', respectHeld: !clawback }
  return postEntry(trx, {
    memberId: original.member_id,
    ledger: original.ledger,
    amount: takesBack ? -amount : amount,
    kind: reversal.kind ?? 'reversal',
    reason: reversal.reason,
    actor: reversal.actor,
    actorId: reversal.actorId,
    ref: reversal.ref,
    idempotencyKey: reversal.idempotencyKey,
    ruleVersion: reversal.ruleVersion ?? program.version,
    businessDay: businessDayOf(occurredAt, program.rules.calendar),
    occurredAt,
    now,
    ...(whole ? { reversesEntryId: original.id } : { correctsEntryId: original.id }),
    ...(takesBack
      ? { debit: lotSource, allowDebt: clawback && points }
      : { credit: { expiresAt: lotExpiresAt(program.rules, original.ledger, occurredAt) } }),
  })
}

/** What is left to correct of an entry: nothing once reversed, else its size less the corrections so far. */
async function remainingOf(trx: Transaction<Database>, original: LedgerEntryRow): Promise<number> {
  const reversed = await trx
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_entry_id', '=', original.id)
    .executeTakeFirst()
  if (reversed) return 0
  // Searched within the member's account, which its history index covers; corrects_entry_id has no index of its own.
  const corrected = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<number>('amount').as('total'))
    .where('member_id', '=', original.member_id)
    .where('ledger', '=', original.ledger)
    .where('corrects_entry_id', '=', original.id)
    .executeTakeFirst()
  return Math.max(0, Math.abs(original.amount) - Math.abs(Number(corrected?.total ?? 0)))
}
