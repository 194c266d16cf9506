import { AppError } from '@mc/shared'
import type { Principal } from './operator-principal'

/**
 * A store manager's answers are narrowed to their own store; every other principal sees every store.
 * Naming another store explicitly, or changing something that belongs to one, is 403 OUTLET_FORBIDDEN.
 */
export function assertOutletInScope(principal: Pick<Principal, 'outletId'>, outletId: string): void {
  if (principal.outletId !== null && principal.outletId !== outletId) {
    throw new AppError('OUTLET_FORBIDDEN', { outletId })
  }
}

/** The store a list must be narrowed to: the manager's own (after checking a requested one), or the one asked for. */
export function scopedOutletId(principal: Pick<Principal, 'outletId'>, requested: string | undefined): string | null {
  if (requested !== undefined) assertOutletInScope(principal, requested)
  return principal.outletId ?? requested ?? null
}
