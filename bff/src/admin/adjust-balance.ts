import { AppError, businessDayOf, growthCountsUntil, pointsExpiresAt, type AdjustmentBody } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { postEntry } from '../ledger/post-entry'
import { audit } from '../audit/audit'
import { upgradeIfReached } from '../tiers/member-tier'
import type { PublishedProgram } from '../program/published-program'

/**
 * An audited manual adjustment. A credit opens a lot under the program's expiry rules; a debit takes
 * earliest-expiring first and may never overdraw (no debt from an adjustment). Growth credits can upgrade.
 */
export async function adjustBalance(trx: Transaction<Database>, input: {
  memberId: string; body: AdjustmentBody; adminId: string; idempotencyKey: string; program: PublishedProgram; now: Date
}) {
  const { memberId, body, program, now } = input
  const member = await trx.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  const { rules } = program
  const expiresAt = body.ledger === 'growth' ? growthCountsUntil(rules, now).toISOString()
    : pointsExpiresAt(rules.points.expiry, now, rules.calendar)?.toISOString() ?? null
  const entry = await postEntry(trx, {
    memberId, ledger: body.ledger, amount: body.amount, kind: 'adjustment', reason: `人工调整：${body.reason}`,
    actor: 'admin', actorId: input.adminId, ref: { type: 'adjustment', id: input.idempotencyKey },
    idempotencyKey: `adjustment:${input.idempotencyKey}`, ruleVersion: program.version,
    businessDay: businessDayOf(now, rules.calendar), occurredAt: now, now,
    ...(body.amount > 0 ? { credit: { expiresAt } } : { debit: { from: 'earliest_expiry' as const, respectHeld: true } }),
  })
  const tier = body.ledger === 'growth' && body.amount > 0 ? await upgradeIfReached(trx, memberId, entry.balance_after, program, now) : null
  await audit(trx, {
    actor: input.adminId, action: 'ledger.adjust', targetType: 'member', targetId: memberId, now,
    detail: { ...body, entryId: entry.id, balanceAfter: entry.balance_after, idempotencyKey: input.idempotencyKey },
  })
  return { entryId: entry.id, ledger: body.ledger, amount: body.amount, balanceAfter: entry.balance_after, tierChange: tier?.kind === 'upgrade' ? { from: tier.from, to: tier.to } : null }
}
