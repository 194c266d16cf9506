import { businessDayOf } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { postEntriesBulk, type BulkAccounts } from '../ledger/post-entries-bulk'
import type { Posting } from '../ledger/post-entry'
import type { PublishedProgram } from '../program/published-program'

/** A lot whose time has come, as the sweep read it. */
export interface DueLot {
  id: string
  member_id: string
  ledger: LedgerName
  remaining: number
  created_at: string
  expires_at: string | null
}

/** The posting that expires one lot: all that is left of it, taken from that lot alone. */
export function expiryPosting(
  lot: DueLot,
  program: PublishedProgram,
  now: Date,
  dayOf: (iso: string) => string,
): Posting {
  const earnedDay = dayOf(lot.created_at)
  return {
    memberId: lot.member_id,
    ledger: lot.ledger,
    amount: -lot.remaining,
    kind: 'expiry',
    reason: lot.ledger === 'points' ? `积分到期（${earnedDay} 获得）` : `成长值超出统计周期（${earnedDay} 获得）`,
    actor: 'system',
    ref: { type: 'lot', id: lot.id },
    idempotencyKey: `expire:${lot.id}`,
    ruleVersion: program.version,
    businessDay: dayOf(lot.expires_at!),
    occurredAt: new Date(lot.expires_at!),
    now,
    debit: { from: 'lot', lotId: lot.id, overflow: 'none', respectHeld: false },
  }
}

/**
 * Expires many lots, in the given order, through the ledger's bulk writer: exactly the rows `postEntry` writes for
 * each `expiryPosting`, as a few set-based statements. Sound only as the sweep uses it: inside one transaction, the
 * accounts read (and on PostgreSQL locked) by `readAccounts` first, then the lots, so nothing can move either
 * before the writes, and each posting takes exactly what its lot holds.
 */
export async function postExpiries(
  trx: Transaction<Database>,
  lots: DueLot[],
  accounts: BulkAccounts,
  program: PublishedProgram,
  now: Date,
): Promise<void> {
  const days = new Map<string, string>()
  const dayOf = (iso: string) =>
    days.get(iso) ?? days.set(iso, businessDayOf(new Date(iso), program.rules.calendar)).get(iso)!
  await postEntriesBulk(
    trx,
    lots.map((lot) => expiryPosting(lot, program, now, dayOf)),
    accounts,
  )
}
