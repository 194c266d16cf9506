import type { MemberCodeVerification } from '@mc/shared'
import type { Deps } from '../deps'
import { judgeUnderThrottle, maxFailures } from '../auth/failed-attempts'
import type { StaffIdentity } from '../auth/staff-sessions'
import { consumeMemberCode, matchMemberCode, MemberCodeRejected, verificationValidMs } from './consume-member-code'
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
  const { memberId } = await withGuessesCounted(
    deps,
    staff,
    now,
    () => consumeMemberCode(db, { code, staff, now, purchaseOrderId: null }),
    { code },
  )
  return {
    member: await memberCard(db, memberId),
    purchaseAllowedUntil: new Date(now.getTime() + verificationValidMs).toISOString(),
  }
}

/**
 * Runs `work` (which consumes `code`) after the code's digits were judged under the staff account's throttle: the
 * digits are checked in the transaction that counts this account's wrong guesses and records a wrong one, one
 * check at a time per account (see judgeUnderThrottle), so concurrent guesses cannot all be judged before one is
 * counted, and right codes, however many at once (replays of one purchase), never count. Without a code (a
 * purchase naming a member already verified) `work` runs as it is.
 */
export async function withGuessesCounted<T>(
  deps: Deps,
  staff: StaffIdentity,
  now: Date,
  work: () => Promise<T>,
  options: { code?: string } = {},
): Promise<T> {
  if (options.code !== undefined) await judgeMemberCode(deps, staff, options.code, now)
  return work()
}

async function judgeMemberCode(deps: Deps, staff: StaffIdentity, code: string, now: Date): Promise<void> {
  const subject = { kind: 'member_code', subject: staff.id, allowed: maxFailures } as const
  const rejected = await judgeUnderThrottle(deps.db, subject, now, async (trx) => {
    try {
      await matchMemberCode(trx, code, now)
      return { wrongGuess: false, value: null }
    } catch (error) {
      if (error instanceof MemberCodeRejected) return { wrongGuess: error.guessed, value: error }
      throw error
    }
  })
  if (rejected) throw rejected
}
