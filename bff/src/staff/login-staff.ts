import { AppError, type StaffLoginBody, type StaffLoginResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { staffView } from './create-staff'
import { assertNotThrottled, clearFailures, recordFailure } from '../auth/failed-attempts'
import { decoyHash, verifySecret } from '../auth/secret-hash'
import { issueStaffSession } from '../auth/staff-sessions'

/**
 * Staff sign in with phone and PIN. An unknown phone and a wrong PIN answer alike, after the same scrypt cost,
 * and count alike: five in ten minutes for one phone lock it (429) for the rest of that window. A disabled
 * account is 403 STAFF_DISABLED.
 */
export async function loginStaff(deps: Deps, body: StaffLoginBody): Promise<StaffLoginResponse> {
  const { db, clock } = deps
  const now = clock.now()
  await assertNotThrottled(db, 'staff_login', body.phone, now)
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'pin_hash', 'disabled_at'])
    .where('phone', '=', body.phone)
    .executeTakeFirst()
  const pinMatches = await verifySecret(body.pin, staff?.pin_hash ?? (await decoyHash()))
  if (!staff || !pinMatches) {
    await recordFailure(db, 'staff_login', body.phone, now)
    throw new AppError('STAFF_LOGIN_FAILED')
  }
  await clearFailures(db, 'staff_login', body.phone)
  // Said only after the right PIN, so a disabled account is no easier to probe than any other.
  if (staff.disabled_at !== null) throw new AppError('STAFF_DISABLED')
  const session = await issueStaffSession(db, staff.id, now)
  return { ...session, staff: await staffView(db, staff.id) }
}
