import { businessDayOf, newId, type TierChange } from '@mc/shared'
import { CompiledQuery, type Insertable, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database, MemberTiersTable, TierChangesTable } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'

/** One member's change at the end of validity, and the counted growth it was judged on. */
export interface SweptChange {
  memberId: string
  change: TierChange
  growth: number
}

const historyColumns = ['id', 'member_id', 'kind', 'from_key', 'to_key', 'valid_until', 'growth', 'business_day', 'rule_version', 'created_at'] as const

/**
 * Records many members' tier changes at once: exactly the rows `recordTierChange` writes one member at a time
 * (the tier state moved on, the change appended to the history, in the given order), as two set-based
 * statements. Sound only for members whose tier row exists and was read under lock in the caller's transaction,
 * as the tier sweep's are, so the upsert `recordTierChange` does is an update here.
 */
export async function recordTierChanges(trx: Transaction<Database>, changes: SweptChange[], program: PublishedProgram, now: Date) {
  if (changes.length === 0) return
  const at = now.toISOString()
  const businessDay = businessDayOf(now, program.rules.calendar)
  const states: Insertable<MemberTiersTable>[] = changes.map(({ memberId, change }) => ({
    member_id: memberId, tier_key: change.state.key, valid_until: change.state.validUntil, since: at, rule_version: program.version,
  }))
  const history: Insertable<TierChangesTable>[] = changes.map(({ memberId, change, growth }) => ({
    id: newId('tch', now.getTime()), member_id: memberId, kind: change.kind,
    from_key: 'from' in change ? change.from : change.kind === 'retain' ? change.tier : null,
    to_key: change.state.key, valid_until: change.state.validUntil, growth, business_day: businessDay,
    rule_version: program.version, created_at: at,
  }))
  // Each statement takes its rows as one JSON parameter, so its text, and prepared statement, never changes.
  const run = (text: string, rows: unknown[]) => trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows)]))
  const columns = historyColumns.join(', ')
  const updated = (result: { numAffectedRows?: bigint }) => {
    if (Number(result.numAffectedRows ?? 0n) !== states.length) throw new Error('a swept member has no tier row to move on')
  }
  if (isPostgres(trx)) {
    updated(await run(`update member_tiers t set tier_key = v.tier_key, valid_until = v.valid_until, since = v.since, rule_version = v.rule_version
      from json_to_recordset($1::json) as v(member_id text, tier_key text, valid_until text, since text, rule_version integer)
      where t.member_id = v.member_id`, states))
    await run(`insert into tier_changes (${columns}) select ${columns} from json_populate_recordset(null::tier_changes, $1::json)`, history)
    return
  }
  updated(await run(`update member_tiers set tier_key = v.tier_key, valid_until = v.valid_until, since = v.since, rule_version = v.rule_version
    from (select value ->> 'member_id' as member_id, value ->> 'tier_key' as tier_key, value ->> 'valid_until' as valid_until,
      value ->> 'since' as since, value ->> 'rule_version' as rule_version from json_each(?)) as v
    where member_tiers.member_id = v.member_id`, states))
  await run(`insert into tier_changes (${columns}) select ${historyColumns.map((c) => `value ->> '${c}'`).join(', ')} from json_each(?)`, history)
}
