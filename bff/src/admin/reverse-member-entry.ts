import { AppError, type EntryReversalBody, type EntryReversalResponse } from '@mc/shared'
import type { Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import { reverseEntry } from '../ledger/reverse-entry'
import type { PublishedProgram } from '../program/published-program'
import { upgradeIfReached } from '../tiers/member-tier'

/**
 * An audited correction of one of a member's entries through `reverseEntry`: a second whole reversal, or taking
 * back more than is left, is refused with ALREADY_REVERSED. An entry of another member is not found, as if absent.
 */
export async function reverseMemberEntry(
  trx: Transaction<Database>,
  input: {
    memberId: string
    entryId: string
    body: EntryReversalBody
    /** Who asked, as the audit log records it. */
    actor: string
    idempotencyKey: string
    program: PublishedProgram
    now: Date
  },
): Promise<EntryReversalResponse> {
  const { memberId, entryId, body, program, now } = input
  const member = await trx.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  const entry = await trx
    .selectFrom('ledger_entries')
    .select('id')
    .where('id', '=', entryId)
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  if (!entry) throw new AppError('ENTRY_NOT_FOUND', { memberId, entryId })
  const reversal = await reverseEntry(trx, {
    entryId,
    amount: body.amount,
    reason: `冲正：${body.reason}`,
    actor: 'admin',
    actorId: input.actor,
    ref: { type: 'reversal', id: input.idempotencyKey },
    idempotencyKey: `reversal:${input.idempotencyKey}`,
    program,
    now,
  })
  // Reversing a growth debit gives growth back, which reaches a higher tier at once, as any growth credit does.
  const tier =
    reversal.ledger === 'growth' && reversal.amount > 0
      ? await upgradeIfReached(trx, memberId, reversal.balance_after, program, now)
      : null
  await audit(trx, {
    actor: input.actor,
    action: 'ledger.reverse',
    targetType: 'member',
    targetId: memberId,
    now,
    detail: {
      ...body,
      entryId,
      reversalId: reversal.id,
      amount: reversal.amount,
      balanceAfter: reversal.balance_after,
      idempotencyKey: input.idempotencyKey,
    },
  })
  return {
    entryId: reversal.id,
    reversedEntryId: entryId,
    ledger: reversal.ledger,
    amount: reversal.amount,
    balanceAfter: reversal.balance_after,
    tierChange: tier?.kind === 'upgrade' ? { from: tier.from, to: tier.to } : null,
  }
}
