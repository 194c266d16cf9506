import { tierByKey, type OrderEvent, type StaffPurchaseBody, type StaffPurchaseOutcome } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { runIdempotent, type IdempotentResult } from '../http/idempotency'
import { consumeMemberCode, memberIdForCode, spendVerification } from '../member-code/consume-member-code'
import { memberCard } from '../member-code/member-card'
import { withGuessesCounted } from '../member-code/verify-member-code'
import { applyOrderEvent } from '../orders/apply-order-event'
import { publishedProgram } from '../program/published-program'
import { assertNotThrottled } from '../auth/failed-attempts'
import type { StaffIdentity } from '../auth/staff-sessions'

/**
 * Records a till purchase through the same earning pipeline as an online order: an `order.paid` and an
 * `order.completed` event, source `outlet`, booked to the staff's outlet. The outlet and receipt number are
 * the idempotency key, so a replay (or twenty at once) posts once and answers the first outcome; the same
 * receipt with another amount or member is 409 IDEMPOTENCY_KEY_REUSED. A replay needs no fresh code.
 */
export async function recordStaffPurchase(
  deps: Deps,
  staff: StaffIdentity,
  body: StaffPurchaseBody,
): Promise<IdempotentResult<StaffPurchaseOutcome>> {
  const { db, clock } = deps
  const now = clock.now()
  const { code } = body
  if (code !== undefined) await assertNotThrottled(db, 'member_code', staff.id, now)
  return withGuessesCounted(deps, staff, now, async () => {
    const memberId = body.memberId ?? (await memberIdForCode(db, code!))
    const request = { memberId, amountFen: body.amountFen, receiptNo: body.receiptNo }
    return runIdempotent(
      db,
      { scope: 'staff_purchase', key: `${staff.outletId}:${body.receiptNo}`, body: request, now },
      async (trx) => {
        const orderId = `pos:${staff.outletId}:${body.receiptNo}`
        if (code !== undefined) await consumeMemberCode(trx, { code, staff, now, purchaseOrderId: orderId })
        else await spendVerification(trx, { memberId, staff, now, purchaseOrderId: orderId })
        return {
          status: 201,
          body: await postPurchase(trx, {
            orderId,
            memberId,
            staff,
            amountFen: body.amountFen,
            receiptNo: body.receiptNo,
            now,
          }),
        }
      },
    )
  })
}

async function postPurchase(
  trx: Transaction<Database>,
  input: {
    orderId: string
    memberId: string
    staff: StaffIdentity
    amountFen: number
    receiptNo: string
    now: Date
  },
): Promise<StaffPurchaseOutcome> {
  const { orderId, memberId, staff, amountFen, now } = input
  const program = await publishedProgram(trx)
  const ctx = { trx, program, now, source: 'outlet' as const }
  const data: OrderEvent['data'] = { orderId, member: { memberId }, amountFen, outletId: staff.outletId }
  const occurredAt = now.toISOString()
  const paid = await applyOrderEvent(ctx, { id: `${orderId}:paid`, type: 'order.paid', occurredAt, data })
  const completed = await applyOrderEvent(ctx, {
    id: `${orderId}:completed`,
    type: 'order.completed',
    occurredAt,
    data,
  })
  const change = paid.body.tier ?? completed.body.tier
  const named = (key: string) => ({ id: key, name: tierByKey(program.rules, key).name })
  return {
    orderId,
    outletId: staff.outletId,
    receiptNo: input.receiptNo,
    amountFen,
    memberId,
    growth: paid.body.growth + completed.body.growth,
    points: paid.body.points + completed.body.points,
    upgrade: change && { from: named(change.from), to: named(change.to) },
    member: await memberCard(trx, memberId),
  }
}
