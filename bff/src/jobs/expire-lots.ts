import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { readAccounts } from '../ledger/post-entries-bulk'
import { postExpiries } from './expiry-postings'
import { sweepInBatches } from './sweep-in-batches'

export interface ExpirySummary {
  pointsLots: number
  pointsExpired: number
  growthLots: number
  growthExpired: number
}

/**
 * Writes an expiry entry for every lot whose time has come, never deleting anything. Each lot is expired at most
 * once (its remaining drops to zero and the entry's idempotency key is the lot id), so re-running, or a clock
 * that jumps back, changes nothing. Members are taken `batchSize` at a time and each batch is one transaction
 * with set-based reads and writes (`postExpiries`): a commit is a disk flush and a statement a round trip, and one
 * transaction of five statements a lot per member made the sweep take seconds on an ordinary day. A failure
 * rolls back its whole batch, which the next run simply redoes.
 */
export async function expireLots(
  db: Kysely<Database>,
  program: PublishedProgram,
  now: Date,
  batchSize = 500,
): Promise<ExpirySummary> {
  const nowIso = now.toISOString()
  const total: ExpirySummary = { pointsLots: 0, pointsExpired: 0, growthLots: 0, growthExpired: 0 }
  const due = async (after: string) => {
    const members = await db
      .selectFrom('ledger_lots')
      .select('member_id')
      .distinct()
      .where('remaining', '>', 0)
      .where('expires_at', '<=', nowIso)
      .where('member_id', '>', after)
      .orderBy('member_id')
      .limit(batchSize)
      .execute()
    return members.map((m) => m.member_id)
  }
  return sweepInBatches(db, total, due, (trx, memberIds) => expireBatch(trx, memberIds, program, now))
}

/** Expires the due lots of these members, each member's earliest first, and counts what went. */
async function expireBatch(
  trx: Transaction<Database>,
  memberIds: string[],
  program: PublishedProgram,
  now: Date,
): Promise<ExpirySummary> {
  // Accounts first (locked on PostgreSQL), then lots: no spend can change a lot between this read and its expiry.
  const accounts = await readAccounts(trx, memberIds)
  // One read for the whole batch instead of one per member; the rows are the same, in the same per-member order.
  const lots = await trx
    .selectFrom('ledger_lots')
    .select(['id', 'member_id', 'ledger', 'remaining', 'created_at', 'expires_at'])
    .where('member_id', 'in', memberIds)
    .where('remaining', '>', 0)
    .where('expires_at', '<=', now.toISOString())
    .orderBy('member_id')
    .orderBy('expires_at')
    .orderBy('id')
    .execute()
  await postExpiries(trx, lots, accounts, program, now)
  const batch: ExpirySummary = { pointsLots: 0, pointsExpired: 0, growthLots: 0, growthExpired: 0 }
  for (const lot of lots) {
    if (lot.ledger === 'points') {
      batch.pointsLots += 1
      batch.pointsExpired += lot.remaining
    } else {
      batch.growthLots += 1
      batch.growthExpired += lot.remaining
    }
  }
  return batch
}
