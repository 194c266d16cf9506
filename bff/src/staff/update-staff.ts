import { AppError, type StaffView, type UpdateStaffBody } from '@mc/shared'
import type { Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Principal } from '../auth/operator-principal'
import { assertOutletInScope } from '../auth/outlet-scope'
import { revokeStaffSessions } from '../auth/staff-sessions'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { staffView } from './create-staff'

/** The staff row, locked by the update that follows; 404 when unknown, 403 when another store's for a manager. */
export async function staffInScope(
  trx: Transaction<Database>,
  principal: Pick<Principal, 'outletId'>,
  staffId: string,
) {
  const row = await trx
    .selectFrom('staff')
    .select(['id', 'phone', 'outlet_id', 'disabled_at'])
    .where('id', '=', staffId)
    .executeTakeFirst()
  if (!row) throw new AppError('STAFF_NOT_FOUND', { staffId })
  assertOutletInScope(principal, row.outlet_id)
  return row
}

/**
 * Disables a staff account (it cannot log in, and every open session ends at once) or enables it again.
 * Asking for the state it is already in changes nothing and writes no audit line.
 */
export async function updateStaff(
  deps: Pick<Deps, 'db' | 'clock'>,
  principal: Pick<Principal, 'actor' | 'outletId'>,
  staffId: string,
  body: UpdateStaffBody,
): Promise<StaffView> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await staffInScope(trx, principal, staffId)
    if ((row.disabled_at !== null) === body.disabled) return
    await trx
      .updateTable('staff')
      .set({ disabled_at: body.disabled ? now.toISOString() : null })
      .where('id', '=', staffId)
      .execute()
    const sessionsEnded = body.disabled ? await revokeStaffSessions(trx, staffId, now) : 0
    await audit(trx, {
      actor: principal.actor,
      action: body.disabled ? 'staff.disable' : 'staff.enable',
      targetType: 'staff',
      targetId: staffId,
      detail: { outletId: row.outlet_id, sessionsEnded },
      now,
    })
  })
  return staffView(deps.db, staffId)
}
