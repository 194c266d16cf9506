import { businessDayOf, evaluateValidityEnd } from '@mc/shared'
import type { Kysely } from 'kysely'
import { forUpdate } from '../db/engine'
import type { Database } from '../db/schema'
import { recordTierChange } from '../membership/member-tier'
import type { PublishedProgram } from '../program/published-program'

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
 */
export async function sweepTiers(db: Kysely<Database>, program: PublishedProgram, now: Date, batchSize = 500): Promise<TierSweepSummary> {
  const today = businessDayOf(now, program.rules.calendar)
  const summary: TierSweepSummary = { evaluated: 0, retained: 0, downgraded: 0 }
  let after = ''
  for (;;) {
    const due = await db.selectFrom('member_tiers').select('member_id')
      .where('valid_until', '<', today).where('member_id', '>', after).orderBy('member_id').limit(batchSize).execute()
    if (due.length === 0) return summary
    for (const { member_id: memberId } of due) {
      await db.transaction().execute(async (trx) => {
        const state = await forUpdate(trx, trx.selectFrom('member_tiers').select(['tier_key', 'valid_until']).where('member_id', '=', memberId)).executeTakeFirstOrThrow()
        const account = await trx.selectFrom('ledger_accounts').select('balance').where('member_id', '=', memberId).where('ledger', '=', 'growth').executeTakeFirst()
        const growth = account?.balance ?? 0
        const change = evaluateValidityEnd(program.rules, { key: state.tier_key, validUntil: state.valid_until }, growth, today)
        if (!change) return
        await recordTierChange(trx, { memberId, change, growth, program, now })
        summary.evaluated += 1
        if (change.kind === 'retain') summary.retained += 1
        if (change.kind === 'downgrade') summary.downgraded += 1
      })
    }
    after = due[due.length - 1].member_id
  }
}
