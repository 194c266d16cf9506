import {
  AppError,
  businessDayOf,
  newId,
  type StaffPurchaseOutcome,
  type TillHoldReason,
  type TillSettings,
} from '@mc/shared'
import { sql, type Transaction } from 'kysely'
import type { StaffIdentity } from '../auth/staff-sessions'
import { useCouponIn } from '../benefits/use-coupon'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'
import { memberCard } from '../member-code/member-card'
import { publishedProgram } from '../program/published-program'
import { postTillPurchase, type TillEarnings } from './post-till-purchase'
import { readTillSettings } from './till-settings'

/** Where a purchase stands after recording: the limit that holds it, or null when it is posted at once. */
type TillHold = { reason: TillHoldReason; limitFen: number } | null

/**
 * Records one till purchase inside the caller's (idempotent) transaction. The coupon, if any, is used through the
 * shop's own coupon-use path, bound to this member and this order, so it can be used once wherever it is used.
 * What the member paid is then checked against the merchant's limits: within them it is posted at once; above
 * either it waits, with no ledger entries, for a store manager or operator. The coupon stays used either way:
 * the member had the discount at the till; the approval decides only the growth and points.
 */
export async function recordTillPurchase(
  trx: Transaction<Database>,
  input: {
    orderId: string
    memberId: string
    staff: StaffIdentity
    amountFen: number
    receiptNo: string
    couponCode: string | undefined
    now: Date
  },
): Promise<StaffPurchaseOutcome> {
  const { orderId, memberId, staff, amountFen, now } = input
  // One staff account's purchases take turns here, so two at once cannot both fit under the daily total. NO KEY
  // UPDATE: the scan's member_code_uses row already holds a key-share lock on this staff row (its foreign key),
  // which FOR UPDATE would wait on in every racing purchase at once (a deadlock).
  const staffRow = trx.selectFrom('staff').select('id').where('id', '=', staff.id)
  await (isPostgres(trx) ? staffRow.forNoKeyUpdate() : staffRow).executeTakeFirst()
  const coupon = input.couponCode === undefined ? null : await useTillCoupon(trx, input.couponCode, input)
  const discountFen = coupon?.discountFen ?? 0
  const paidFen = amountFen - discountFen
  const program = await publishedProgram(trx)
  const businessDay = businessDayOf(now, program.rules.calendar)
  const hold = await tillHold(trx, await readTillSettings(trx), staff.id, businessDay, paidFen)
  const earned: TillEarnings = hold
    ? { growth: 0, points: 0, upgrade: null }
    : await postTillPurchase(trx, {
        orderId,
        memberId,
        outletId: staff.outletId,
        paidFen,
        occurredAt: now.toISOString(),
        now,
      })
  const purchaseId = newId('tpu', now.getTime())
  await trx
    .insertInto('till_purchases')
    .values({
      id: purchaseId,
      order_id: orderId,
      outlet_id: staff.outletId,
      staff_id: staff.id,
      member_id: memberId,
      receipt_no: input.receiptNo,
      amount_fen: amountFen,
      discount_fen: discountFen,
      paid_fen: paidFen,
      coupon_id: coupon?.id ?? null,
      status: hold ? 'pending' : 'posted',
      hold_reason: hold?.reason ?? null,
      hold_limit_fen: hold?.limitFen ?? null,
      growth: earned.growth,
      points: earned.points,
      business_day: businessDay,
      created_at: now.toISOString(),
      decided_by: null,
      decided_at: null,
      refusal_reason: null,
    })
    .execute()
  return {
    purchaseId,
    status: hold ? 'pending' : 'posted',
    orderId,
    outletId: staff.outletId,
    receiptNo: input.receiptNo,
    amountFen,
    discountFen,
    paidFen,
    coupon: coupon && { code: coupon.code, name: coupon.name },
    hold,
    memberId,
    ...earned,
    member: await memberCard(trx, memberId),
  }
}

/**
 * Uses the member's coupon on this receipt through `useCouponIn`, the shop's own path (holder, status, expiry and
 * threshold checked there). A free-shipping coupon has nothing to take off at a till: it is refused after that
 * path's checks, and the refusal rolls the use back with the rest of the purchase.
 */
async function useTillCoupon(
  trx: Transaction<Database>,
  code: string,
  input: { orderId: string; memberId: string; amountFen: number; now: Date },
) {
  const used = await useCouponIn(
    trx,
    code,
    { orderId: input.orderId, orderAmountFen: input.amountFen, member: { memberId: input.memberId } },
    input.now,
  )
  if (used.coupon.kind !== 'cash_off') {
    throw new AppError('INVALID_REQUEST', { couponCode: '门店只能使用满减券 / only cash-off coupons at the till' })
  }
  return { id: used.coupon.id, code: used.coupon.code, name: used.coupon.name, discountFen: used.discountFen }
}

/**
 * Which limit, if any, holds a purchase paying `paidFen`: the per-purchase limit, then the staff's total for the
 * business day (purchases posted at once or approved; pending and refused ones credited nothing).
 */
async function tillHold(
  trx: Transaction<Database>,
  settings: TillSettings,
  staffId: string,
  businessDay: string,
  paidFen: number,
): Promise<TillHold> {
  if (paidFen > settings.purchaseLimitFen) return { reason: 'purchase_limit', limitFen: settings.purchaseLimitFen }
  const day = await trx
    .selectFrom('till_purchases')
    .select(sql<string | number | null>`sum(paid_fen)`.as('total'))
    .where('staff_id', '=', staffId)
    .where('business_day', '=', businessDay)
    .where('status', 'in', ['posted', 'approved'])
    .executeTakeFirst()
  if (Number(day?.total ?? 0) + paidFen > settings.dailyTotalFen) {
    return { reason: 'daily_total', limitFen: settings.dailyTotalFen }
  }
  return null
}
