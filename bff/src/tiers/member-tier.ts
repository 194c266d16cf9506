import { businessDayOf, evaluateUpgrade, type TierState } from '@mc/shared'
import type { Kysely, QueryCreator, Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import { sendDowngradeMessages, sendUpgradeMessage } from '../outreach/tier-change-messages'
import type { PublishedProgram } from '../program/published-program'
import { knownTierState, tierStateWritten } from './known-tier-states'
import { tierChangeRow, tierStateRow, type RecordedChange } from './tier-change-rows'

/**
 * A member's tier now; a member without a row yet stands on the entry tier. A transaction that already read it
 * (see known-tier-states.ts) is answered from memory.
 */
export async function memberTierState(
  db: Kysely<Database>,
  memberId: string,
  program: PublishedProgram,
): Promise<TierState> {
  const known = knownTierState(db, memberId)
  const state =
    known !== undefined
      ? known
      : await db
          .selectFrom('member_tiers')
          .select(['tier_key as key', 'valid_until as validUntil'])
          .where('member_id', '=', memberId)
          .executeTakeFirst()
  return state ?? { key: program.rules.tiers[0].key, validUntil: null }
}

/**
 * Whether the change sends its journey message (the upgrade congratulation, the downgraded notice); an import's
 * openings do not (see `postOpening`).
 */
export interface UpgradeNotice {
  congratulate?: boolean
}

/**
 * Writes the new tier state and appends the change to the member's tier history, in the caller's transaction;
 * an upgrade or a downgrade also sends its journey message there (tier-change-messages.ts) unless told not to.
 * `recordTierChanges` (tier-changes.ts) is its bulk twin; both build their rows with tier-change-rows.ts.
 */
export async function recordTierChange(
  trx: Transaction<Database>,
  input: {
    memberId: string
    change: RecordedChange
    growth: number
    program: PublishedProgram
    now: Date
  } & UpgradeNotice,
): Promise<void> {
  const { memberId, change, program, now } = input
  const state = tierStateRow(memberId, change, program, now)
  const writeState = (qc: QueryCreator<Database>) =>
    qc
      .insertInto('member_tiers')
      .values(state)
      .onConflict((oc) =>
        oc.column('member_id').doUpdateSet({
          tier_key: state.tier_key,
          valid_until: state.valid_until,
          since: state.since,
          rule_version: state.rule_version,
        }),
      )
  const changeRow = tierChangeRow(input, program, now)
  if (isPostgres(trx)) {
    // The state and its history row in one round trip (a data-modifying CTE); SQLite cannot write inside WITH.
    await trx.with('state', writeState).insertInto('tier_changes').values(changeRow).execute()
  } else {
    await writeState(trx).execute()
    await trx.insertInto('tier_changes').values(changeRow).execute()
  }
  tierStateWritten(trx, memberId, change.state)
  if (input.congratulate === false) return
  if (change.kind === 'upgrade') {
    const { from } = change
    await sendUpgradeMessage(trx, {
      memberId,
      from,
      to: change.state.key,
      validUntil: change.state.validUntil,
      program,
      now,
    })
  }
  if (change.kind === 'downgrade') {
    await sendDowngradeMessages(
      trx,
      [{ memberId, from: change.from, to: change.to, growth: input.growth }],
      program,
      now,
    )
  }
}

/**
 * Upgrade is immediate: called by `earn` (earning/earn.ts) after every growth credit, with the account already
 * locked by that posting, so no domain has to remember it.
 */
export async function upgradeIfReached(
  trx: Transaction<Database>,
  memberId: string,
  growth: number,
  program: PublishedProgram,
  now: Date,
  notice: UpgradeNotice = {},
) {
  const state = await memberTierState(trx, memberId, program)
  const change = evaluateUpgrade(program.rules, state, growth, businessDayOf(now, program.rules.calendar))
  if (change) await recordTierChange(trx, { memberId, change, growth, program, now, ...notice })
  return change
}
