import { AppError, livePoints, newId } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { lockAccount } from './accounts'
import { postEntry, type Posting } from './post-entry'

/** A reservation of points for a redemption that has not settled yet (DESIGN.md §3). */
export interface HoldRequest {
  memberId: string
  points: number
  ref: { type: string; id: string }
  expiresAt: Date
  now: Date
}

/**
 * Reserves points: the member's points account is locked, then `available = min(balance, live lots) − held`
 * must cover the hold. Only `held` moves; the balance and the lots stay until the hold is captured. A balance
 * in debt has nothing available, so a debt blocks redemptions as it blocks every other spend.
 */
export async function holdPoints(trx: Transaction<Database>, hold: HoldRequest): Promise<string> {
  if (!Number.isSafeInteger(hold.points) || hold.points <= 0)
    throw new RangeError(`a hold must be a positive whole number, got ${hold.points}`)
  const account = await lockAccount(trx, hold.memberId, 'points')
  const lots = await trx
    .selectFrom('ledger_lots')
    .select(['id', 'remaining', 'expires_at'])
    .where('member_id', '=', hold.memberId)
    .where('ledger', '=', 'points')
    .where('remaining', '>', 0)
    .execute()
  const live = livePoints(
    lots.map((lot) => ({ id: lot.id, remaining: lot.remaining, expiresAt: lot.expires_at })),
    hold.now,
  )
  const available = Math.min(account.balance, live) - account.held
  if (available < hold.points) {
    throw new AppError('POINTS_INSUFFICIENT', {
      available: Math.max(0, available),
      required: hold.points,
      debt: Math.max(0, -account.balance),
    })
  }
  const id = newId('phd', hold.now.getTime())
  await trx
    .insertInto('points_holds')
    .values({
      id,
      member_id: hold.memberId,
      points: hold.points,
      status: 'held',
      ref_type: hold.ref.type,
      ref_id: hold.ref.id,
      expires_at: hold.expiresAt.toISOString(),
      created_at: hold.now.toISOString(),
      settled_at: null,
    })
    .execute()
  await trx
    .updateTable('ledger_accounts')
    .set((eb) => ({ held: eb('held', '+', hold.points) }))
    .where('member_id', '=', hold.memberId)
    .where('ledger', '=', 'points')
    .execute()
  return id
}

/** What the spend entry of a captured hold says; amount, member and lot source come from the hold. */
export type CaptureEntry = Pick<
  Posting,
  | 'kind'
  | 'reason'
  | 'actor'
  | 'actorId'
  | 'ref'
  | 'idempotencyKey'
  | 'ruleVersion'
  | 'businessDay'
  | 'occurredAt'
  | 'now'
>

/**
 * Turns an open hold into a spend: the hold is marked captured and its points leave `held`, then one debit
 * entry takes them from the lots, earliest expiry first. The status update is conditioned on `held`, so a hold
 * is captured or released once, whoever asks twice.
 */
export async function capturePoints(trx: Transaction<Database>, holdId: string, entry: CaptureEntry) {
  const hold = await settleHold(trx, holdId, 'captured', entry.now)
  return postEntry(trx, {
    ...entry,
    memberId: hold.member_id,
    ledger: 'points',
    amount: -hold.points,
    debit: { from: 'earliest_expiry', respectHeld: true },
  })
}

/** Gives the held points back to the member's available balance; nothing is posted, as nothing was spent. */
export async function releasePoints(trx: Transaction<Database>, holdId: string, now: Date): Promise<void> {
  await settleHold(trx, holdId, 'released', now)
}

async function settleHold(trx: Transaction<Database>, holdId: string, status: 'captured' | 'released', now: Date) {
  const hold = await trx.selectFrom('points_holds').selectAll().where('id', '=', holdId).executeTakeFirstOrThrow()
  await lockAccount(trx, hold.member_id, 'points')
  const settled = await trx
    .updateTable('points_holds')
    .set({ status, settled_at: now.toISOString() })
    .where('id', '=', holdId)
    .where('status', '=', 'held')
    .executeTakeFirst()
  if (Number(settled.numUpdatedRows) !== 1) throw new Error(`points hold ${holdId} is already ${hold.status}`)
  await trx
    .updateTable('ledger_accounts')
    .set((eb) => ({ held: eb('held', '-', hold.points) }))
    .where('member_id', '=', hold.member_id)
    .where('ledger', '=', 'points')
    .execute()
  return hold
}
