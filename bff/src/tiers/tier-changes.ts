import { businessDayOf } from '@mc/shared'
import { CompiledQuery, type Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { forgetTierStates } from './known-tier-states'
import { tierChangeRow, tierStateRow, type MemberTierChange } from './tier-change-rows'

export type { MemberTierChange } from './tier-change-rows'

/**
 * Records many members' tier changes at once: exactly the rows `recordTierChange` writes one change at a time (the
 * tier state moved on, each change appended to the history, in the given order; a member with several changes ends
 * on the last), as two set-based statements. Upgrades here write no congratulation, so this is for the tier sweep
 * (which never upgrades) and the import (whose openings congratulate nobody, see `postOpening`).
 * `members` says where the tier rows stand: 'existing' rows read under lock in the caller's transaction, as the
 * sweep's are, so the upsert `recordTierChange` does is an update; or 'new' members created in the caller's
 * uncommitted transaction, who have no row yet and whom nobody else can see, so it is an insert.
 */
export async function recordTierChanges(
  trx: Transaction<Database>,
  changes: MemberTierChange[],
  program: PublishedProgram,
  now: Date,
  members: 'existing' | 'new' = 'existing',
) {
  if (changes.length === 0) return
  forgetTierStates(trx)
  const businessDay = businessDayOf(now, program.rules.calendar)
  const finalStates = new Map(
    changes.map(({ memberId, change }) => [memberId, tierStateRow(memberId, change, program, now)]),
  )
  const states = [...finalStates.values()]
  const history = changes.map((change) => tierChangeRow(change, program, now, businessDay))
  if (members === 'new') await bulkInsert(trx, 'member_tiers', states)
  else await moveTierStates(trx, states)
  await bulkInsert(trx, 'tier_changes', history)
}

/**
 * The update half of `recordTierChanges`, with its rows as one JSON parameter so its prepared statement never changes.
 */
async function moveTierStates(trx: Transaction<Database>, states: ReturnType<typeof tierStateRow>[]) {
  const run = (text: string) => trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(states)]))
  const result = isPostgres(trx)
    ? await run(`update member_tiers t
      set tier_key = v.tier_key, valid_until = v.valid_until, since = v.since, rule_version = v.rule_version
      from json_to_recordset($1::json)
        as v(member_id text, tier_key text, valid_until text, since text, rule_version integer)
      where t.member_id = v.member_id`)
    : await run(`update member_tiers
      set tier_key = v.tier_key, valid_until = v.valid_until, since = v.since, rule_version = v.rule_version
      from (select value ->> 'member_id' as member_id, value ->> 'tier_key' as tier_key,
        value ->> 'valid_until' as valid_until,
        value ->> 'since' as since, value ->> 'rule_version' as rule_version from json_each(?)) as v
      where member_tiers.member_id = v.member_id`)
  if (Number(result.numAffectedRows ?? 0n) !== states.length)
    throw new Error('a swept member has no tier row to move on')
}
