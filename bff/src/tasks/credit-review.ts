import { awardForEvent, businessDayOf, type ReviewEvent, type ReviewEventOutcome } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { earn, type Credit } from '../earning/earn'
import { lockAccount } from '../ledger/accounts'
import type { PublishedProgram } from '../program/published-program'
import { earnedOnDay } from './task-day-totals'

/**
 * Credits a published review from the rules' review sources, capped per business day (the day it is credited,
 * so a shop catching up on old reviews still meets today's cap). Once per review whatever the event id: the
 * member's growth account is locked first, so two events of one review arriving together see each other, and the
 * entry's key names the review as the ledger's own backstop. Runs in the webhook's transaction.
 */
export async function creditReview(
  trx: Transaction<Database>,
  input: { memberId: string; event: ReviewEvent; program: PublishedProgram; now: Date },
): Promise<ReviewEventOutcome> {
  const { memberId, event, program, now } = input
  const { reviewId, orderId } = event.data
  const outcome = { eventId: event.id, reviewId, memberId, growth: 0, points: 0 }
  await lockAccount(trx, memberId, 'growth')
  const seen = await trx
    .selectFrom('ledger_entries')
    .select('id')
    .where('member_id', '=', memberId)
    .where('ref_type', '=', 'review')
    .where('ref_id', '=', reviewId)
    .executeTakeFirst()
  if (seen) return { ...outcome, status: 'duplicate_review' }
  const day = businessDayOf(now, program.rules.calendar)
  const earned = await earnedOnDay(trx, memberId, 'review', day)
  const credits: Credit[] = []
  for (const ledger of ['growth', 'points'] as const) {
    outcome[ledger] = awardForEvent(program.rules[ledger].sources.review, earned[ledger])
    if (outcome[ledger] === 0) continue
    credits.push({
      memberId,
      ledger,
      amount: outcome[ledger],
      kind: 'review',
      reason: orderId ? `评价订单 ${orderId}` : '发表评价',
      actor: 'system',
      ref: { type: 'review', id: reviewId },
      idempotencyKey: `review:${reviewId}:${ledger}`,
      occurredAt: new Date(event.occurredAt),
      businessDay: day,
    })
  }
  if (credits.length > 0) await earn(trx, { credits, program, now })
  return { ...outcome, status: 'applied' }
}
