import {
  businessDayOf,
  orderGrowth,
  orderPoints,
  refundReversal,
  tierByKey,
  type OrderEvent,
  type OrderEventOutcome,
} from '@mc/shared'
import type { Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import { programAt, type PublishedProgram } from '../program/published-program'
import { rememberTierState } from '../tiers/known-tier-states'
import { memberTierState } from '../tiers/member-tier'
import { readOrderFacts } from './order-facts'
import { creditOrder, reverseOrderCredit, type OrderRow } from './order-earning'
import { creditedColumns, insertPaidOrder, recordCredit } from './order-statements'
import { refuseIfClosed } from './resolve-member'

export interface EventContext {
  trx: Transaction<Database>
  /** The rules to apply; by default the latest published version, read with the event's other facts. */
  program?: PublishedProgram
  now: Date
  source: 'online' | 'outlet'
}

/**
 * The context while one event is applied: the program settled, and what this transaction already knows of the
 * first-order task and parked events (undefined: not known, ask the database).
 */
interface Applying extends EventContext {
  program: PublishedProgram
  firstOrderStanding?: boolean
  parkedWaiting?: boolean
  /** The member's growth account is locked by this transaction (see OrderFacts). */
  growthLocked: boolean
}

const outcome = (
  event: OrderEvent,
  status: OrderEventOutcome['status'],
  memberId: string | null,
): OrderEventOutcome => ({
  eventId: event.id,
  orderId: event.data.orderId,
  status,
  memberId,
  growth: 0,
  points: 0,
  tier: null,
})

/**
 * Applies one order event inside the caller's transaction. A refund or completion whose payment has not
 * arrived yet is parked (202) and applied, in arrival order, right after that payment.
 */
export async function applyOrderEvent(
  ctx: EventContext,
  event: OrderEvent,
): Promise<{ status: 200 | 202; body: OrderEventOutcome }> {
  const facts = await readOrderFacts(ctx.trx, event)
  const { member, order } = facts
  // The tier re-check after a growth credit (upgradeIfReached) is answered from what was read here.
  rememberTierState(ctx.trx, member.id, facts.tier)
  return applyEvent(
    {
      ...ctx,
      program: ctx.program ?? (await programAt(ctx.trx, facts.programVersion)),
      firstOrderStanding: facts.firstOrderStanding,
      parkedWaiting: facts.parkedWaiting,
      growthLocked: facts.growthLocked,
    },
    event,
    member,
    order,
  )
}

async function applyEvent(
  ctx: Applying,
  event: OrderEvent,
  member: { id: string; birthday: string | null; closed_at: string | null },
  order: OrderRow | undefined,
): Promise<{ status: 200 | 202; body: OrderEventOutcome }> {
  if (event.type === 'order.paid') {
    if (!order) refuseIfClosed(member)
    const body = await applyPaid(ctx, event, member)
    if (body === null) {
      // Another event id re-sent the payment (perhaps at this very moment): the order is taken, nothing is credited.
      const paid = await ctx.trx
        .selectFrom('orders')
        .select('member_id')
        .where('order_id', '=', event.data.orderId)
        .executeTakeFirstOrThrow()
      return { status: 200, body: outcome(event, 'applied', paid.member_id) }
    }
    await applyParked(ctx, event.data.orderId)
    return { status: 200, body }
  }
  const paid = order ?? (await paidMeanwhile(ctx, event.data.orderId))
  if (!paid) {
    await ctx.trx
      .insertInto('parked_order_events')
      .values({
        event_id: event.id,
        order_id: event.data.orderId,
        body: JSON.stringify(event),
        received_at: ctx.now.toISOString(),
        applied_at: null,
      })
      .execute()
    return { status: 202, body: outcome(event, 'parked', member.id) }
  }
  const body =
    event.type === 'order.refunded' ? await applyRefund(ctx, event, paid) : await applyCompleted(ctx, event, paid)
  return { status: 200, body }
}

/**
 * Before a refund or completion parks, the order is asked for again on PostgreSQL. Its facts were read while this event
 * waited for the order's lock (order-facts.ts), so a payment that held the lock read no parked event, and has
 * committed by now: a new statement sees its order. Without this the event would park after the payment had looked,
 * and wait for ever. A payment that comes later waits for this event's lock, then finds the parked row. SQLite's
 * writer runs one transaction at a time, so its facts are current.
 */
async function paidMeanwhile(ctx: Applying, orderId: string): Promise<OrderRow | undefined> {
  if (!isPostgres(ctx.trx)) return undefined
  return ctx.trx.selectFrom('orders').selectAll().where('order_id', '=', orderId).executeTakeFirst()
}

async function applyPaid(
  ctx: Applying,
  event: OrderEvent,
  member: { id: string; birthday: string | null },
): Promise<OrderEventOutcome | null> {
  const { rules, version } = ctx.program
  const occurredAt = new Date(event.occurredAt)
  const tier = tierByKey(rules, (await memberTierState(ctx.trx, member.id, ctx.program)).key)
  const paidDay = businessDayOf(occurredAt, rules.calendar)
  const month = paidDay.slice(5, 7)
  const birthdayMonth = member.birthday !== null && member.birthday.slice(-5, -3) === month
  const order: OrderRow = {
    order_id: event.data.orderId,
    member_id: member.id,
    status: 'paid',
    paid_fen: event.data.amountFen,
    refunded_fen: 0,
    growth_earned: orderGrowth(rules, event.data.amountFen),
    points_earned: orderPoints(rules, event.data.amountFen, tier, birthdayMonth),
    growth_credited: 0,
    points_credited: 0,
    growth_entry_id: null,
    points_entry_id: null,
    rule_version: version,
    outlet_id: event.data.outletId ?? null,
    source: ctx.source,
    paid_at: occurredAt.toISOString(),
    completed_at: null,
  }
  // One conditional insert is the guard against paying an order twice: a concurrent payment of the same order
  // under another event id waits on the key (PostgreSQL) or the write lock (SQLite) and then inserts nothing.
  const insert = await insertPaidOrder(ctx.trx, order, ctx.growthLocked)
  if (!insert.inserted) return null
  if (insert.firstOrderStanding !== undefined) ctx.firstOrderStanding = insert.firstOrderStanding
  await storeOrderLines(ctx, event, member.id, paidDay)
  const result = outcome(event, 'applied', member.id)
  if (rules.growth.creditOn === 'paid') await credit(ctx, order, 'growth', occurredAt, result)
  if (rules.points.creditOn === 'paid') await credit(ctx, order, 'points', occurredAt, result)
  return result
}

/**
 * Keeps the paid order's lines for category preferences (insights). Only the first order.paid of an order gets
 * here, and (order, line number) is the key, so a replayed or re-sent payment never adds a line twice. The
 * column holds 32 characters of a category the contract allows 64 of: the rest is cut.
 */
async function storeOrderLines(ctx: Applying, event: OrderEvent, memberId: string, businessDay: string) {
  const lines = event.data.lines ?? []
  if (lines.length === 0) return
  await bulkInsert(
    ctx.trx,
    'order_lines',
    lines.map((line, i) => ({
      order_id: event.data.orderId,
      line_no: i + 1,
      member_id: memberId,
      sku: line.sku,
      category: line.category.slice(0, 32),
      qty: line.qty,
      amount_fen: line.amountFen,
      business_day: businessDay,
      created_at: ctx.now.toISOString(),
    })),
  )
}

/** Credits one ledger's share of an order (net of refunds so far), records it on the order and in `result`. */
async function credit(
  ctx: Applying,
  order: OrderRow,
  ledger: 'growth' | 'points',
  occurredAt: Date,
  result: OrderEventOutcome,
) {
  const earned = ledger === 'growth' ? order.growth_earned : order.points_earned
  const amount =
    earned - refundReversal({ earned, paidFen: order.paid_fen, refundedBeforeFen: 0, refundFen: order.refunded_fen })
  if (amount <= 0) return
  const { entryId, tier } = await creditOrder(ctx.trx, {
    order,
    ledger,
    amount,
    program: ctx.program,
    occurredAt,
    now: ctx.now,
    firstOrderStanding: ctx.firstOrderStanding,
  })
  // Asked once per event: after this credit the member holds the task's credit if the rules award one.
  ctx.firstOrderStanding = true
  const credited = { orderId: order.order_id, amount, entryId }
  const parkedWaiting = await recordCredit(ctx.trx, ledger, credited)
  if (parkedWaiting !== undefined) ctx.parkedWaiting = parkedWaiting
  Object.assign(order, creditedColumns(ledger, credited))
  result[ledger] = amount
  result.tier ??= tier
}

async function applyRefund(ctx: Applying, event: OrderEvent, order: OrderRow): Promise<OrderEventOutcome> {
  const refundId = event.data.refundId!
  const seen = await ctx.trx
    .selectFrom('order_refunds')
    .select('refund_id')
    .where('order_id', '=', order.order_id)
    .where('refund_id', '=', refundId)
    .executeTakeFirst()
  if (seen) return outcome(event, 'duplicate_refund', order.member_id)
  // Refunds beyond what was paid take nothing more.
  const refundFen = Math.min(event.data.refundAmountFen!, order.paid_fen - order.refunded_fen)
  // A full refund may take the first-order task back: whether it stands is to be asked again.
  ctx.firstOrderStanding = undefined
  const occurredAt = new Date(event.occurredAt)
  const result = outcome(event, 'applied', order.member_id)
  for (const ledger of ['growth', 'points'] as const) {
    const earned = ledger === 'growth' ? order.growth_earned : order.points_earned
    const reversal = refundReversal({
      earned,
      paidFen: order.paid_fen,
      refundedBeforeFen: order.refunded_fen,
      refundFen,
    })
    result[ledger] = -(await reverseOrderCredit(ctx.trx, {
      order,
      ledger,
      amount: reversal,
      refundId,
      refundFen,
      program: ctx.program,
      occurredAt,
      now: ctx.now,
    }))
  }
  await ctx.trx
    .insertInto('order_refunds')
    .values({ order_id: order.order_id, refund_id: refundId, amount_fen: refundFen, applied_at: ctx.now.toISOString() })
    .execute()
  await ctx.trx
    .updateTable('orders')
    .set({ refunded_fen: order.refunded_fen + refundFen })
    .where('order_id', '=', order.order_id)
    .execute()
  order.refunded_fen += refundFen
  return result
}

async function applyCompleted(ctx: Applying, event: OrderEvent, order: OrderRow): Promise<OrderEventOutcome> {
  const result = outcome(event, 'applied', order.member_id)
  if (order.status === 'completed') return result
  const occurredAt = new Date(event.occurredAt)
  await ctx.trx
    .updateTable('orders')
    .set({ status: 'completed', completed_at: occurredAt.toISOString() })
    .where('order_id', '=', order.order_id)
    .execute()
  // Whatever was waiting for completion is credited now, whichever rule version made it wait.
  if (order.growth_entry_id === null) await credit(ctx, order, 'growth', occurredAt, result)
  if (order.points_entry_id === null) await credit(ctx, order, 'points', occurredAt, result)
  return result
}

async function applyParked(ctx: Applying, orderId: string): Promise<void> {
  if (ctx.parkedWaiting === false) return
  const parked = await ctx.trx
    .selectFrom('parked_order_events')
    .select(['event_id', 'body'])
    .where('order_id', '=', orderId)
    .where('applied_at', 'is', null)
    .orderBy('received_at')
    .orderBy('event_id')
    .execute()
  for (const row of parked) {
    const event = JSON.parse(row.body) as OrderEvent
    const order = await ctx.trx
      .selectFrom('orders')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
    if (event.type === 'order.refunded') await applyRefund(ctx, event, order)
    else await applyCompleted(ctx, event, order)
    await ctx.trx
      .updateTable('parked_order_events')
      .set({ applied_at: ctx.now.toISOString() })
      .where('event_id', '=', row.event_id)
      .execute()
  }
}
