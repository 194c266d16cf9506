import type { EntryKind, PointsLot } from '@mc/shared'
import type { LedgerActor, LedgerName } from '../db/schema'

/** How a debit takes from lots: spends go earliest-expiry-first; reversals and expiry aim at one lot. */
export type LotSource =
  | { from: 'earliest_expiry' }
  | { from: 'lot'; lotId: string; overflow: 'earliest_expiry' | 'none' }

/** A lot a debit may take from, as `spendableLots` reads it. */
export interface SpendableLot {
  id: string
  remaining: number
  expires_at: string | null
}

/** A lot as the shared rules (`livePoints`, `planLotConsumption`) take it. */
export const pointsLotOf = (lot: SpendableLot): PointsLot => ({
  id: lot.id,
  remaining: lot.remaining,
  expiresAt: lot.expires_at,
})

/** A captured hold's row as `holdInserted` takes it, less the status. */
export interface CapturedHold {
  id: string
  memberId: string
  points: number
  refType: string
  refId: string
  expiresAt: string
  createdAt: string
  settledAt: string
}

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
  debit?: LotSource & {
    respectHeld: boolean
    /**
     * The member's lots with points left, as this transaction already read them under the account lock (a
     * points-only redemption reads them to check what is available): the debit then does not read them again.
     */
    lots?: readonly SpendableLot[]
  }
  /**
   * The account as this transaction already locked it, not moved since (a points-only redemption locks it first
   * to serialise the member's redemptions): the general path then does not lock and read it again.
   */
  lockedAccount?: { balance: number; held: number; version: number }
  /**
   * A points hold this debit captures as it posts (a points-only redemption places and captures in one step): the
   * hold's row is written with the entry, as captured.
   */
  capturedHold?: CapturedHold
  /** Only a refund clawback of points may take the balance below zero, recorded as debt. */
  allowDebt?: boolean
  correctsEntryId?: string | null
  reversesEntryId?: string | null
}
