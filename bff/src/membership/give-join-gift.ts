import { businessDayOf, growthCountsUntil, pointsExpiresAt } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { postEntry } from '../ledger/post-entry'
import type { PublishedProgram } from '../program/published-program'
import { upgradeIfReached } from '../tiers/member-tier'

/** The new-member gift of the rules in force, posted once per member (the idempotency keys say so). */
export async function giveJoinGift(trx: Transaction<Database>, memberId: string, program: PublishedProgram, now: Date): Promise<void> {
  const gift = program.rules.joinGift
  if (!gift) return
  const { rules, version } = program
  const common = {
    memberId, kind: 'join_gift' as const, reason: '新会员礼', actor: 'system' as const, ruleVersion: version,
    businessDay: businessDayOf(now, rules.calendar), occurredAt: now, now,
  }
  if (gift.points > 0) {
    await postEntry(trx, {
      ...common, ledger: 'points', amount: gift.points, idempotencyKey: `join_gift:${memberId}:points`,
      credit: { expiresAt: pointsExpiresAt(rules.points.expiry, now, rules.calendar)?.toISOString() ?? null },
    })
  }
  if (gift.growth > 0) {
    const entry = await postEntry(trx, {
      ...common, ledger: 'growth', amount: gift.growth, idempotencyKey: `join_gift:${memberId}:growth`,
      credit: { expiresAt: growthCountsUntil(rules, now).toISOString() },
    })
    await upgradeIfReached(trx, memberId, entry.balance_after, program, now)
  }
}
