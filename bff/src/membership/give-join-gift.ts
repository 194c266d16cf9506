import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { earn, type Credit } from '../earning/earn'
import type { PublishedProgram } from '../program/published-program'

/** The new-member gift of the rules in force, posted once per member (the idempotency keys say so). */
export async function giveJoinGift(
  trx: Transaction<Database>,
  memberId: string,
  program: PublishedProgram,
  now: Date,
): Promise<void> {
  const gift = program.rules.joinGift
  if (!gift) return
  const credits = (['growth', 'points'] as const)
    .filter((ledger) => gift[ledger] > 0)
    .map(
      (ledger): Credit => ({
        memberId,
        ledger,
        amount: gift[ledger],
        kind: 'join_gift',
        reason: '新会员礼',
        actor: 'system',
        idempotencyKey: `join_gift:${memberId}:${ledger}`,
      }),
    )
  if (credits.length > 0) await earn(trx, { credits, program, now })
}
