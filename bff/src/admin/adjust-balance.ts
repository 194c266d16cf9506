import { AppError, businessDayOf, type AdjustmentBody, type AdjustmentResponse } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { earn } from '../earning/earn'
import { postDebit } from '../ledger/post-entry'
import { audit } from '../audit/audit'
import type { PublishedProgram } from '../program/published-program'

/**
 * An audited manual adjustment. A credit opens a lot under the program's expiry rules; a debit takes
 * earliest-expiring first and may never overdraw (no debt from an adjustment). Growth credits can upgrade.
 */
export async function adjustBalance(
  trx: Transaction<Database>,
  input: {
    memberId: string
    body: AdjustmentBody
    /** Who asked, as the audit log records it. */
    actor: string
    idempotencyKey: string
    program: PublishedProgram
    now: Date
  },
): Promise<AdjustmentResponse> {
  const { memberId, body, program, now } = input
  const member = await trx.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  const common = {
    memberId,
    ledger: body.ledger,
    amount: body.amount,
    kind: 'adjustment' as const,
    reason: `人工调整：${body.reason}`,
    actor: 'admin' as const,
    actorId: input.actor,
    ref: { type: 'adjustment', id: input.idempotencyKey },
    idempotencyKey: `adjustment:${input.idempotencyKey}`,
  }
  const {
    entries: [entry],
    tierChange: tier,
  } =
    body.amount > 0
      ? await earn(trx, { credits: [common], program, now })
      : {
          entries: [
            await postDebit(trx, {
              ...common,
              ruleVersion: program.version,
              businessDay: businessDayOf(now, program.rules.calendar),
              occurredAt: now,
              now,
              debit: { from: 'earliest_expiry', respectHeld: true },
            }),
          ],
          tierChange: null,
        }
  await audit(trx, {
    actor: input.actor,
    action: 'ledger.adjust',
    targetType: 'member',
    targetId: memberId,
    now,
    detail: { ...body, entryId: entry.id, balanceAfter: entry.balance_after, idempotencyKey: input.idempotencyKey },
  })
  return {
    entryId: entry.id,
    ledger: body.ledger,
    amount: body.amount,
    balanceAfter: entry.balance_after,
    tierChange: tier?.kind === 'upgrade' ? { from: tier.from, to: tier.to } : null,
  }
}
