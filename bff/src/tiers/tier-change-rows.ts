import { businessDayOf, newId, type TierChange, type TierState } from '@mc/shared'
import type { Insertable } from 'kysely'
import type { MemberTiersTable, TierChangesTable } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'

/** A change to record: one the tier rules decided, or a join on the entry tier. */
export type RecordedChange = TierChange | { kind: 'join'; state: TierState }

/** One member's change and the counted growth it was judged on. */
export interface MemberTierChange {
  memberId: string
  change: RecordedChange
  growth: number
}

/**
 * The one definition of the two rows a tier change writes, for every writer (`recordTierChange` one member at a
 * time, `recordTierChanges` many at once): the member's tier state after it, and the line in their tier history.
 */
export function tierStateRow(
  memberId: string,
  change: RecordedChange,
  program: PublishedProgram,
  now: Date,
): Insertable<MemberTiersTable> {
  return {
    member_id: memberId,
    tier_key: change.state.key,
    valid_until: change.state.validUntil,
    since: now.toISOString(),
    rule_version: program.version,
  }
}

/** `businessDay` is `now`'s, passed in by bulk writers that compute it once for many rows. */
export function tierChangeRow(
  input: MemberTierChange,
  program: PublishedProgram,
  now: Date,
  businessDay = businessDayOf(now, program.rules.calendar),
): Insertable<TierChangesTable> {
  const { change } = input
  return {
    id: newId('tch', now.getTime()),
    member_id: input.memberId,
    kind: change.kind,
    from_key: 'from' in change ? change.from : change.kind === 'retain' ? change.tier : null,
    to_key: change.state.key,
    valid_until: change.state.validUntil,
    growth: input.growth,
    business_day: businessDay,
    rule_version: program.version,
    created_at: now.toISOString(),
  }
}
