import { businessDayOf, evaluateValidityEnd } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { forUpdate } from '../db/engine'
import type { Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { sendDowngradeMessages, type Downgrade } from '../outreach/tier-change-messages'
import { recordTierChanges, type MemberTierChange } from '../tiers/tier-changes'
import { sweepInBatches } from './sweep-in-batches'

export interface TierSweepSummary {
  evaluated: number
  retained: number
  downgraded: number
}

/**
 * At the end of each member's tier validity: keep the tier for another period if counted growth meets its
 * retain threshold, else drop to the highest tier whose retain threshold is met; both recorded as tier changes.
 * Run after the expiry sweep, so growth that left the window no longer counts. A member is evaluated only once
 * their validity is over, and the evaluation moves validity on, so a re-run the same day changes nothing.
 * Due members are taken `batchSize` at a time, one transaction per batch with set-based reads and writes
 * (one disk flush and a few statements per batch, where one transaction per member took seconds).
 */
export async function sweepTiers(
  db: Kysely<Database>,
  program: PublishedProgram,
  now: Date,
  batchSize = 500,
): Promise<TierSweepSummary> {
  const today = businessDayOf(now, program.rules.calendar)
  const total: TierSweepSummary = { evaluated: 0, retained: 0, downgraded: 0 }
  const due = async (after: string) => {
    const rows = await db
      .selectFrom('member_tiers')
      .select('member_id')
      .where('valid_until', '<', today)
      .where('member_id', '>', after)
      .orderBy('member_id')
      .limit(batchSize)
      .execute()
    return rows.map((row) => row.member_id)
  }
  return sweepInBatches(db, total, due, (trx, memberIds) => sweepBatch(trx, memberIds, program, now, today))
}

/** Evaluates these members on their state read under lock, and records what changed, in member order. */
async function sweepBatch(
  trx: Transaction<Database>,
  memberIds: string[],
  program: PublishedProgram,
  now: Date,
  today: string,
) {
  const batch: TierSweepSummary = { evaluated: 0, retained: 0, downgraded: 0 }
  const changes: MemberTierChange[] = []
  const downgrades: Downgrade[] = []
  const states = await forUpdate(
    trx,
    trx
      .selectFrom('member_tiers')
      .select(['member_id', 'tier_key', 'valid_until'])
      .where('member_id', 'in', memberIds)
      .orderBy('member_id'),
  ).execute()
  const accounts = await trx
    .selectFrom('ledger_accounts')
    .select(['member_id', 'balance'])
    .where('member_id', 'in', memberIds)
    .where('ledger', '=', 'growth')
    .execute()
  const growthOf = new Map(accounts.map((account) => [account.member_id, account.balance]))
  for (const state of states) {
    const memberId = state.member_id
    const growth = growthOf.get(memberId) ?? 0
    const change = evaluateValidityEnd(
      program.rules,
      { key: state.tier_key, validUntil: state.valid_until },
      growth,
      today,
    )
    if (!change) continue
    changes.push({ memberId, change, growth })
    batch.evaluated += 1
    if (change.kind === 'retain') batch.retained += 1
    if (change.kind === 'downgrade') {
      batch.downgraded += 1
      downgrades.push({ memberId, from: change.from, to: change.to, growth })
    }
  }
  await recordTierChanges(trx, changes, program, now)
  // In the batch's transaction: a downgrade is never recorded without its message decided, nor the other way round.
  await sendDowngradeMessages(trx, downgrades, program, now)
  return batch
}
