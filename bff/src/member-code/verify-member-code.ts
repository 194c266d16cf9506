import type { MemberCodeVerification } from '@mc/shared'
import type { Deps } from '../deps'
import { assertNotThrottled, recordFailure } from '../auth/failed-attempts'
import type { StaffIdentity } from '../auth/staff-sessions'
import { consumeMemberCode, MemberCodeRejected, verificationValidMs } from './consume-member-code'
import { memberCard } from './member-card'

/**
 * A staff scan: throttled per staff account (not per session, since signing in again would otherwise reset
 * it), the code accepted once, and the member's card returned.
 */
export async function verifyMemberCode(
  deps: Deps,
  staff: StaffIdentity,
  code: string,
): Promise<MemberCodeVerification> {
  const { db, clock } = deps
  const now = clock.now()
  await assertNotThrottled(db, 'member_code', staff.id, now)
  const { memberId } = await withGuessesCounted(deps, staff, now, () =>
    consumeMemberCode(db, { code, staff, now, purchaseOrderId: null }),
  )
  return {
    member: await memberCard(db, memberId),
    purchaseAllowedUntil: new Date(now.getTime() + verificationValidMs).toISOString(),
  }
}

/** Runs `work`; a wrong guess is recorded on its own (outside any transaction of `work`) before it is rethrown. */
export async function withGuessesCounted<T>(
  deps: Deps,
  staff: StaffIdentity,
  now: Date,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof MemberCodeRejected && error.guessed) await recordFailure(deps.db, 'member_code', staff.id, now)
    throw error
  }
}
