import type { ResetStaffPinBody, StaffView } from '@mc/shared'
import { audit } from '../audit/audit'
import type { Principal } from '../auth/operator-principal'
import { clearStaffLoginFailures } from '../auth/failed-attempts'
import { hashSecret } from '../auth/secret-hash'
import { revokeStaffSessions } from '../auth/staff-sessions'
import type { Deps } from '../deps'
import { staffView } from './create-staff'
import { staffInScope } from './update-staff'

/**
 * Gives a staff account a new PIN (the old one stops working) and ends every session it has open, so a phone
 * left logged in somewhere is signed out too; a login lock from wrong guesses is lifted. Audited without the PIN.
 */
export async function resetStaffPin(
  deps: Pick<Deps, 'db' | 'clock'>,
  principal: Pick<Principal, 'actor' | 'outletId'>,
  staffId: string,
  body: ResetStaffPinBody,
): Promise<StaffView> {
  const pinHash = await hashSecret(body.pin)
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await staffInScope(trx, principal, staffId)
    await trx.updateTable('staff').set({ pin_hash: pinHash }).where('id', '=', staffId).execute()
    const sessionsEnded = await revokeStaffSessions(trx, staffId, now)
    // A phone locked by wrong guesses is unlocked by the new PIN its manager just handed over.
    await clearStaffLoginFailures(trx, row.phone)
    await audit(trx, {
      actor: principal.actor,
      action: 'staff.pin_reset',
      targetType: 'staff',
      targetId: staffId,
      detail: { outletId: row.outlet_id, sessionsEnded },
      now,
    })
  })
  return staffView(deps.db, staffId)
}
