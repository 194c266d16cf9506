import type { ProfileReward } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { earn, type Credit } from '../earning/earn'
import type { PublishedProgram } from '../program/published-program'
import { profileReward } from './profile-view'

/**
 * Credits the profile-completed task once per member, in the caller's transaction, after the caller saw every
 * required field filled. Once is decided by one conditional update (`profile_completed_at IS NULL`): of two
 * requests that complete the profile together, one sets it and credits, the other changes nothing; the
 * idempotency keys per member and ledger are the ledger's own backstop. The amounts come from the rules'
 * profileCompleted sources through the one earning door; a source worth 0 posts nothing on that ledger.
 * Answers what was credited, or null when the task was already done.
 */
export async function creditProfileCompleted(
  trx: Transaction<Database>,
  memberId: string,
  program: PublishedProgram,
  now: Date,
): Promise<ProfileReward | null> {
  const marked = await trx
    .updateTable('members')
    .set({ profile_completed_at: now.toISOString() })
    .where('id', '=', memberId)
    .where('profile_completed_at', 'is', null)
    .executeTakeFirst()
  if (Number(marked.numUpdatedRows) === 0) return null
  const reward = profileReward(program.rules)
  const credits = (['growth', 'points'] as const)
    .filter((ledger) => reward[ledger] > 0)
    .map(
      (ledger): Credit => ({
        memberId,
        ledger,
        amount: reward[ledger],
        kind: 'profile_completed',
        reason: '完善资料',
        actor: 'member',
        actorId: memberId,
        ref: { type: 'profile', id: memberId },
        idempotencyKey: `profile_completed:${memberId}:${ledger}`,
      }),
    )
  if (credits.length > 0) await earn(trx, { credits, program, now })
  return reward
}
