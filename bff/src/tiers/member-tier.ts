import { businessDayOf, evaluateUpgrade, newId, type TierChange, type TierState } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { congratulateUpgrade } from '../inbox/congratulate-upgrade'
import type { PublishedProgram } from '../program/published-program'

/** A member's tier now; a member without a row yet stands on the entry tier. */
export async function memberTierState(db: Kysely<Database>, memberId: string, program: PublishedProgram): Promise<TierState> {
  const row = await db.selectFrom('member_tiers').select(['tier_key', 'valid_until']).where('member_id', '=', memberId).executeTakeFirst()
  return row ? { key: row.tier_key, validUntil: row.valid_until } : { key: program.rules.tiers[0].key, validUntil: null }
}

/**
 * Writes the new tier state and appends the change to the member's tier history, in the caller's transaction;
 * an upgrade also writes its congratulation to the member's inbox there.
 */
export async function recordTierChange(trx: Transaction<Database>, input: {
  memberId: string; change: TierChange | { kind: 'join'; state: TierState }; growth: number; program: PublishedProgram; now: Date
}): Promise<void> {
  const { memberId, change, program, now } = input
  const toKey = change.state.key
  await trx.insertInto('member_tiers')
    .values({ member_id: memberId, tier_key: toKey, valid_until: change.state.validUntil, since: now.toISOString(), rule_version: program.version })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({
      tier_key: toKey, valid_until: change.state.validUntil, since: now.toISOString(), rule_version: program.version,
    }))
    .execute()
  await trx.insertInto('tier_changes').values({
    id: newId('tch', now.getTime()), member_id: memberId, kind: change.kind,
    from_key: 'from' in change ? change.from : change.kind === 'retain' ? change.tier : null,
    to_key: toKey, valid_until: change.state.validUntil, growth: input.growth,
    business_day: businessDayOf(now, program.rules.calendar), rule_version: program.version, created_at: now.toISOString(),
  }).execute()
  if (change.kind === 'upgrade') {
    await congratulateUpgrade(trx, { memberId, from: change.from, to: toKey, validUntil: change.state.validUntil, program, now })
  }
}

/** Upgrade is immediate: call after any growth credit, with the account already locked by that posting. */
export async function upgradeIfReached(trx: Transaction<Database>, memberId: string, growth: number, program: PublishedProgram, now: Date) {
  const state = await memberTierState(trx, memberId, program)
  const change = evaluateUpgrade(program.rules, state, growth, businessDayOf(now, program.rules.calendar))
  if (change) await recordTierChange(trx, { memberId, change, growth, program, now })
  return change
}
