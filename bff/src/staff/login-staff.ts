import { AppError, type StaffLoginBody, type StaffLoginResponse } from '@mc/shared'
import type { Deps } from '../deps'
import { staffView } from './create-staff'
import {
  admitAttempts,
  clearStaffLoginFailures,
  maxFailures,
  staffPairSubject,
  takeBackAttempts,
} from '../auth/failed-attempts'
import { decoyHash, verifySecret } from '../auth/secret-hash'
import { issueStaffSession } from '../auth/staff-sessions'

/**
 * Wrong PINs a phone may have from all addresses together, and one address for all phones, per window: room for
 * a shop's tills sharing one address, none for a guessing run.
 */
export const maxStaffFailuresPerPhone = 4 * maxFailures
export const maxStaffFailuresPerClient = 4 * maxFailures

/**
 * Staff sign in with phone and PIN. Each attempt is recorded before the PIN is checked, in the transaction that
 * counts them, so concurrent guesses cannot slip past the count: five wrong PINs in ten minutes lock the phone
 * for that client address (429) for the rest of the window. A stranger's address thus locks only itself; the
 * phone from every address together and each address for every phone have larger limits, so a guessing run
 * from many addresses is bounded too. An unknown phone and a wrong PIN answer alike, after the same scrypt cost,
 * and count alike. A disabled account is 403 STAFF_DISABLED.
 */
export async function loginStaff(deps: Deps, body: StaffLoginBody, client: string): Promise<StaffLoginResponse> {
  const { db, clock } = deps
  const now = clock.now()
  const attempts = await admitAttempts(
    db,
    [
      { kind: 'staff_client', subject: client.slice(0, 64), allowed: maxStaffFailuresPerClient },
      { kind: 'staff_phone', subject: body.phone, allowed: maxStaffFailuresPerPhone },
      { kind: 'staff_login', subject: staffPairSubject(body.phone, client), allowed: maxFailures },
    ],
    now,
  )
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'pin_hash', 'disabled_at'])
    .where('phone', '=', body.phone)
    .executeTakeFirst()
  const pinMatches = await verifySecret(body.pin, staff?.pin_hash ?? (await decoyHash()))
  if (!staff || !pinMatches) throw new AppError('STAFF_LOGIN_FAILED')
  await clearStaffLoginFailures(db, body.phone)
  await takeBackAttempts(db, attempts)
  // Said only after the right PIN, so a disabled account is no easier to probe than any other.
  if (staff.disabled_at !== null) throw new AppError('STAFF_DISABLED')
  const session = await issueStaffSession(db, staff.id, now)
  return { ...session, staff: await staffView(db, staff.id) }
}
