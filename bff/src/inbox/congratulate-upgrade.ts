import { businessDayOf, upgradeCongratulation } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { notify } from './notify'

/**
 * The congratulation an upgrade writes to the inbox, listing the benefits the new tier adds. Called where the
 * upgrade is recorded, in its transaction; keyed by member, tier and business day, so replays write it once.
 */
export async function congratulateUpgrade(
  trx: Transaction<Database>,
  input: {
    memberId: string
    from: string
    to: string
    validUntil: string | null
    program: PublishedProgram
    now: Date
  },
): Promise<boolean> {
  const { memberId, to, program, now } = input
  const message = upgradeCongratulation(program.rules, input.from, to, input.validUntil)
  return notify(trx, {
    memberId,
    kind: 'tier_upgrade',
    ...message,
    now,
    dedupeKey: `upgrade:${memberId}:${to}:${businessDayOf(now, program.rules.calendar)}`,
  })
}
