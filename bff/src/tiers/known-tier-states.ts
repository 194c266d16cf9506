import type { TierState } from '@mc/shared'

/**
 * Tier states a transaction has already read, so a posting that read the member's tier with its other facts does
 * not read it again when `upgradeIfReached` re-checks it after the growth credit. Only a transaction that called
 * `rememberTierState` has an entry (an order event's); every write of a tier state through `recordTierChange` keeps
 * it current, and the bulk writer drops it. Keyed by the transaction object, so it ends with the transaction.
 * `null` means the member has no tier row yet (the entry tier of whatever program is asked).
 */
const knownByTransaction = new WeakMap<object, Map<string, TierState | null>>()

export function rememberTierState(trx: object, memberId: string, state: TierState | null): void {
  const known = knownByTransaction.get(trx) ?? new Map<string, TierState | null>()
  knownByTransaction.set(trx, known)
  known.set(memberId, state)
}

/** The state this transaction knows, or undefined when it must be read. */
export function knownTierState(trx: object, memberId: string): TierState | null | undefined {
  return knownByTransaction.get(trx)?.get(memberId)
}

/** After a write of a tier state: kept current where the transaction remembers states, else nothing. */
export function tierStateWritten(trx: object, memberId: string, state: TierState): void {
  knownByTransaction.get(trx)?.set(memberId, state)
}

/** After a bulk write the states are no longer known. */
export function forgetTierStates(trx: object): void {
  knownByTransaction.delete(trx)
}
