import { AppError, type StaffLoginBody, type StaffLoginResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { staffView } from './create-staff'
import { assertNotThrottled, clearFailures, recordFailure } from '../auth/failed-attempts'
import { decoyPinHash, verifyPin } from './pin-hash'
import { issueStaffSession } from '../auth/staff-sessions'

/**
 * Staff sign in with phone and PIN. An unknown phone and a wrong PIN answer alike, after the same scrypt cost,
 * and count alike: five in ten minutes for one phone lock it (429) for the rest of that window.
 */
export async function loginStaff(deps: Deps, body: StaffLoginBody): Promise<StaffLoginResponse> {
  const { db, clock } = deps
  const now = clock.now()
  await assertNotThrottled(db, 'staff_login', body.phone, now)
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'pin_hash'])
    .where('phone', '=', body.phone)
    .executeTakeFirst()
  const pinMatches = await verifyPin(body.pin, staff?.pin_hash ?? (await decoyPinHash()))
  if (!staff || !pinMatches) {
    await recordFailure(db, 'staff_login', body.phone, now)
    throw new AppError('STAFF_LOGIN_FAILED')
  }
  await clearFailures(db, 'staff_login', body.phone)
  const session = await issueStaffSession(db, staff.id, now)
  return { ...session, staff: await staffView(db, staff.id) }
}
