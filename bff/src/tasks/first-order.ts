import { awardForEvent } from '@mc/shared'
import type { Expression, ExpressionBuilder, Kysely, Transaction } from 'kysely'
import { anyQueryBuilder } from '../db/any-query-builder'
import { lockAccount } from '../ledger/accounts'
import type { Database, LedgerName } from '../db/schema'
import { earn, type Credit, type Earned } from '../earning/earn'
import { reverseEntry, takeBackUpTo } from '../ledger/reverse-entry'
import type { PublishedProgram } from '../program/published-program'

/** The order that may be a member's first credited one. */
export interface FirstOrderCandidate {
  memberId: string
  orderId: string
  program: PublishedProgram
  occurredAt: Date
  now: Date
}

const keyOf = (memberId: string, orderId: string, ledger: LedgerName) => `first_order:${memberId}:${orderId}:${ledger}`

/**
 * Credits the first-order task when this order is the member's first credited one: the member holds no first-order
 * credit that still stands. Called by the order path each time it credits an order, so the task lands with the
 * first order that earns anything, whichever ledger that is. The member's growth account is locked before the
 * check (growth before points, the order every posting locks in), so of two first orders paid at once the second
 * sees the first's credit. A credit taken back by a full refund no longer stands: the next credited order earns it.
 * Answers the earning, or null when there was nothing to credit.
 */
export async function creditFirstOrder(
  trx: Transaction<Database>,
  order: FirstOrderCandidate,
  /** False when this transaction already asked under the growth account's lock (see order-facts.ts). */
  standing?: false,
): Promise<Earned | null> {
  const { memberId, orderId, program } = order
  if (standing === undefined) {
    await lockAccount(trx, memberId, 'growth')
    if (await standingFirstOrder(trx, memberId)) return null
  }
  const credits = (['growth', 'points'] as const)
    .map((ledger) => ({ ledger, amount: awardForEvent(program.rules[ledger].sources.firstOrder) }))
    .filter(({ amount }) => amount > 0)
    .map(
      ({ ledger, amount }): Credit => ({
        memberId,
        ledger,
        amount,
        kind: 'first_order',
        reason: `首单奖励（订单 ${orderId}）`,
        actor: 'system',
        ref: { type: 'order', id: orderId },
        idempotencyKey: keyOf(memberId, orderId, ledger),
        occurredAt: order.occurredAt,
      }),
    )
  if (credits.length === 0) return null
  return earn(trx, { credits, program, now: order.now })
}

/** Whether the member holds a first-order credit that no reversal has taken back. */
export async function standingFirstOrder(db: Kysely<Database>, memberId: string): Promise<boolean> {
  const row = await db.selectNoFrom((eb) => firstOrderStandingOf(eb, memberId)).executeTakeFirstOrThrow()
  return Boolean(row.first_order_standing)
}

/**
 * The same question as a column of another statement (the order path's first read on SQLite, its order insert on
 * PostgreSQL), for a member named by value or by a column of that statement.
 */
export function firstOrderStandingOf<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  memberId: string | Expression<string>,
) {
  // The member may be a column of the outer query; the rest names none of its tables.
  const { exists, selectFrom } = anyQueryBuilder(eb)
  return exists(
    selectFrom('ledger_entries as e')
      .select('e.id')
      .where('e.member_id', '=', memberId)
      .where('e.kind', '=', 'first_order')
      .where('e.amount', '>', 0)
      .where((inner) =>
        inner.not(
          inner.exists(
            inner.selectFrom('ledger_entries as r').select('r.id').whereRef('r.reverses_entry_id', '=', 'e.id'),
          ),
        ),
      ),
  ).as('first_order_standing')
}

/**
 * Takes back the first-order task of one ledger when its order is fully refunded, as the ledger's reversal of the
 * entry (never an update). Points may run into debt, as a refund's clawback may; growth only as far as its lot
 * still counts. Nothing happens when the order earned no first-order credit or it is already reversed.
 */
export async function reverseFirstOrder(
  trx: Transaction<Database>,
  input: FirstOrderCandidate & { ledger: LedgerName; refundId: string },
): Promise<void> {
  const { memberId, orderId, ledger, program } = input
  const entry = await trx
    .selectFrom('ledger_entries')
    .select(['id', 'amount', 'lot_id'])
    .where('ledger', '=', ledger)
    .where('idempotency_key', '=', keyOf(memberId, orderId, ledger))
    .executeTakeFirst()
  if (!entry) return
  await lockAccount(trx, memberId, ledger)
  const reversed = await trx
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_entry_id', '=', entry.id)
    .executeTakeFirst()
  if (reversed) return
  const reversal = {
    entryId: entry.id,
    kind: 'reversal' as const,
    reason: `订单 ${orderId} 全额退款，收回首单奖励`,
    actor: 'system' as const,
    ref: { type: 'refund', id: `${orderId}:${input.refundId}` },
    idempotencyKey: `first_order_reversal:${memberId}:${orderId}:${ledger}`,
    clawback: ledger === 'points',
    program,
    occurredAt: input.occurredAt,
    now: input.now,
  }
  const lot = await trx
    .selectFrom('ledger_lots')
    .select('remaining')
    .where('entry_id', '=', entry.id)
    .executeTakeFirst()
  const left = ledger === 'growth' ? (lot?.remaining ?? 0) : entry.amount
  // Growth that already left the window is gone: only what still counts is taken back, as a partial correction.
  if (left >= entry.amount) await reverseEntry(trx, reversal)
  else if (left > 0) await takeBackUpTo(trx, { ...reversal, amount: left })
}
