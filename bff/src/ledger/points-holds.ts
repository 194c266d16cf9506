import { AppError, livePoints, newId } from '@mc/shared'
import type { Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'
import { lockAccount } from './accounts'
import { postEntry, type Posting } from './post-entry'
import { pointsLotOf } from './posting'
import { holdInserted, spendableLots } from './posting-statements'

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
export async function holdPoints(
  trx: Transaction<Database>,
  hold: HoldRequest,
  locked?: LockedAccount,
): Promise<string> {
  checkHoldRequest(hold, locked)
  const account = locked ?? (await lockAccount(trx, hold.memberId, 'points'))
  await ensureAvailable(trx, account, hold)
  const id = newId('phd', hold.now.getTime())
  await holdInserted.affected(trx, { ...holdParams(id, hold), status: 'held', settledAt: null })
  await heldMoved.affected(trx, { memberId: hold.memberId, points: hold.points })
  return id
}

/**
 * A hold placed and captured in one step, for a spend that settles in the transaction that asks for it (a
 * points-only redemption): the same availability check as `holdPoints`, the hold recorded as captured (so the
 * redemption names its hold like any other), and the spend entry, without moving `held` up and back down and
 * reading the hold again. Answers the hold's id.
 */
export async function spendAtOnce(
  trx: Transaction<Database>,
  hold: Omit<HoldRequest, 'expiresAt'> & { id: string },
  locked: LockedAccount,
  entry: CaptureEntry,
): Promise<string> {
  checkHoldRequest(hold, locked)
  // The lots are read once: summed here for what is available, then taken from by the spend.
  const lots = await spendableLots.execute(trx, { memberId: hold.memberId, ledger: 'points' })
  ensureCovered(locked, livePoints(lots.map(pointsLotOf), hold.now), hold)
  await postEntry(trx, {
    ...entry,
    memberId: hold.memberId,
    ledger: 'points',
    amount: -hold.points,
    debit: { from: 'earliest_expiry', respectHeld: true, lots },
    // Checked above without moving the account: it is as the caller locked it.
    lockedAccount: locked,
    // Recorded as captured with the spend's entry (in its statement on PostgreSQL).
    capturedHold: { ...holdParams(hold.id, { ...hold, expiresAt: hold.now }), settledAt: hold.now.toISOString() },
  })
  return hold.id
}

function checkHoldRequest(hold: { memberId: string; points: number }, locked: LockedAccount | undefined) {
  if (!Number.isSafeInteger(hold.points) || hold.points <= 0)
    throw new RangeError(`a hold must be a positive whole number, got ${hold.points}`)
  if (locked && (locked.member_id !== hold.memberId || locked.ledger !== 'points'))
    throw new Error(`the locked account is not ${hold.memberId}'s points account`)
}

/** `available = min(balance, live lots) − held` must cover the points, or POINTS_INSUFFICIENT says by how much. */
async function ensureAvailable(
  trx: Transaction<Database>,
  account: LockedAccount,
  hold: { memberId: string; points: number; now: Date },
) {
  ensureCovered(account, await livePointsOf(trx, hold.memberId, hold.now), hold)
}

function ensureCovered(account: LockedAccount, live: number, hold: { points: number }) {
  const available = Math.min(account.balance, live) - account.held
  if (available < hold.points) {
    throw new AppError('POINTS_INSUFFICIENT', {
      available: Math.max(0, available),
      required: hold.points,
      debt: Math.max(0, -account.balance),
    })
  }
}

const holdParams = (id: string, hold: HoldRequest) => ({
  id,
  memberId: hold.memberId,
  points: hold.points,
  refType: hold.ref.type,
  refId: hold.ref.id,
  expiresAt: hold.expiresAt.toISOString(),
  createdAt: hold.now.toISOString(),
})

/** A points account row the caller has already locked in this transaction (`lockAccount`), so it is not read again. */
export type LockedAccount = Awaited<ReturnType<typeof lockAccount>>

/**
 * Points in lots not yet expired at `now` (`livePoints`, summed by the database rather than in memory: one row
 * back however many lots the member has). A lot without an expiry never expires; ISO timestamps compare as text.
 */
async function livePointsOf(trx: Transaction<Database>, memberId: string, now: Date): Promise<number> {
  const row = await livePointsQuery.takeFirst(trx, { memberId, nowIso: now.toISOString() })
  return Number(row?.live ?? 0)
}

// The statements every redemption runs, built and compiled once (db/prepared-query.ts).
const livePointsQuery = preparedQuery<{ memberId: string; nowIso: string }>()((db, p) =>
  db
    .selectFrom('ledger_lots')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('remaining'), eb.lit(0)).as('live'))
    .where('member_id', '=', p.memberId)
    .where('ledger', '=', 'points')
    .where('remaining', '>', 0)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', p.nowIso)])),
)

/** `held` moves by `points`: up for a new hold, down (negative) for a settled one. */
const heldMoved = preparedQuery<{ memberId: string; points: number }>()((db, p) =>
  db
    .updateTable('ledger_accounts')
    .set((eb) => ({ held: eb('held', '+', p.points) }))
    .where('member_id', '=', p.memberId)
    .where('ledger', '=', 'points'),
)

const holdSettled = preparedQuery<{ holdId: string; status: 'captured' | 'released'; settledAt: string }>()((db, p) =>
  db
    .updateTable('points_holds')
    .set({ status: p.status, settled_at: p.settledAt })
    .where('id', '=', p.holdId)
    .where('status', '=', 'held'),
)

const holdWithAccount = preparedQuery<{ holdId: string }>()((db, p) => {
  const query = db
    .selectFrom('points_holds')
    .innerJoin('ledger_accounts', (join) =>
      join
        .onRef('ledger_accounts.member_id', '=', 'points_holds.member_id')
        .on('ledger_accounts.ledger', '=', 'points'),
    )
    .selectAll('points_holds')
    .where('points_holds.id', '=', p.holdId)
  return isPostgres(db) ? query.forUpdate(['ledger_accounts']) : query
})

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
  const hold = await holdWithAccountLocked(trx, holdId)
  const settled = await holdSettled.affected(trx, { holdId, status, settledAt: now.toISOString() })
  if (Number(settled) !== 1) throw new Error(`points hold ${holdId} is already ${hold.status}`)
  await heldMoved.affected(trx, { memberId: hold.member_id, points: -hold.points })
  return hold
}

/**
 * The hold, read in the statement that locks its member's points account (PostgreSQL: FOR UPDATE OF the account
 * only; SQLite's writer holds its lock already). The account is locked before the hold's row is, as by every
 * settler and by `holdPoints`; the account exists, since the hold was placed on it.
 */
async function holdWithAccountLocked(trx: Transaction<Database>, holdId: string) {
  return holdWithAccount.takeFirstOrThrow(trx, { holdId })
}
