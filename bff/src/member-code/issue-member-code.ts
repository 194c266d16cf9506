import {
  AppError,
  formatMemberCode,
  memberCodePeriodSeconds,
  memberCodeStep,
  memberCodeStepEndsAt,
  type MemberCodeResponse,
} from '@mc/shared'
import type { Deps } from '../deps'
import { findMember } from '../membership/member-profile'
import { memberCodeSecret } from './member-code-secret'
import { totpForStep } from './totp'

/**
 * The member's code for the current step. The secret never leaves the BFF, so the app asks again when
 * `expiresAt` passes, and a screenshot is worthless once its step and the one after have gone by.
 */
export async function issueMemberCode(deps: Deps, memberId: string): Promise<MemberCodeResponse> {
  const now = deps.clock.now()
  const member = await findMember(deps.db, memberId)
  if (member.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  const { cardNo, secret } = await memberCodeSecret(deps.db, memberId, now)
  const step = memberCodeStep(now)
  return {
    code: formatMemberCode(cardNo, totpForStep(secret, step)),
    step,
    expiresAt: memberCodeStepEndsAt(step).toISOString(),
    periodSeconds: memberCodePeriodSeconds,
  }
}
