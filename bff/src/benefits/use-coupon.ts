import { AppError, businessDayOf, newId, type CouponUseBody, type CouponUseResponse } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { forUpdate } from '../db/engine'
import type { Database } from '../db/schema'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram } from '../program/published-program'
import { couponFromRow, couponStatusAt } from './coupons'

/**
 * The order's member (by member id, else openid, else phone, as the order webhook names one) must be the coupon's
 * holder; otherwise 409 COUPON_NOT_HOLDER, told before anything else about the coupon so another member's code
 * reveals nothing. The holder's row is read, not the named member's, so an unknown name is simply not the holder.
 */
async function assertHolder(db: Kysely<Database>, holderId: string, member: CouponUseBody['member']): Promise<void> {
  const holder = await db
    .selectFrom('members')
    .select(['id', 'openid', 'phone'])
    .where('id', '=', holderId)
    .executeTakeFirstOrThrow()
  const named = member.memberId
    ? member.memberId === holder.id
    : member.openid
      ? member.openid === holder.openid
      : member.phone === holder.phone
  if (!named) throw new AppError('COUPON_NOT_HOLDER')
}

/**
 * The shop redeems a coupon against one of its orders. The row is locked (PostgreSQL) or the write lock held
 * (SQLite), and the update is conditional on `status = 'available'`, so of any number of racing uses exactly
 * one succeeds; the rest get COUPON_ALREADY_USED. The use is recorded for effectiveness in the same transaction.
 * `body.member` is the order's member; the till (a staff purchase) calls this too, naming `{ memberId }`.
 */
export async function useCoupon(
  db: Kysely<Database>,
  code: string,
  body: CouponUseBody,
  now: Date,
): Promise<CouponUseResponse> {
  return db.transaction().execute((trx) => useCouponIn(trx, code, body, now))
}

/** The same inside the caller's transaction (the till uses a coupon in the transaction that records the purchase). */
export async function useCouponIn(
  trx: Transaction<Database>,
  code: string,
  body: CouponUseBody,
  now: Date,
): Promise<CouponUseResponse> {
  const row = await forUpdate(
    trx,
    trx.selectFrom('coupons').selectAll().where('code', '=', code.toUpperCase()),
  ).executeTakeFirst()
  if (!row) throw new AppError('COUPON_NOT_FOUND')
  await assertHolder(trx, row.member_id, body.member)
  const status = couponStatusAt(row, now)
  if (status === 'used') {
    throw new AppError('COUPON_ALREADY_USED', { usedAt: row.used_at, sameOrder: row.used_order_id === body.orderId })
  }
  if (status === 'expired') throw new AppError('COUPON_EXPIRED', { validUntil: row.valid_until })
  if (body.orderAmountFen < row.threshold_fen) {
    throw new AppError('COUPON_THRESHOLD_NOT_MET', {
      thresholdFen: row.threshold_fen,
      orderAmountFen: body.orderAmountFen,
    })
  }
  const used = await trx
    .updateTable('coupons')
    .set({ status: 'used', used_at: now.toISOString(), used_order_id: body.orderId })
    .where('id', '=', row.id)
    .where('status', '=', 'available')
    .executeTakeFirst()
  if (used.numUpdatedRows === 0n) throw new AppError('COUPON_ALREADY_USED', { sameOrder: false })
  // A cash coupon takes off at most the order's amount; free shipping is worth its face value on the shipping fee.
  const discountFen = row.kind === 'cash_off' ? Math.min(row.discount_fen, body.orderAmountFen) : row.discount_fen
  const program = await publishedProgram(trx)
  const tier = await memberTierState(trx, row.member_id, program)
  await trx
    .insertInto('benefit_events')
    .values({
      id: newId('bev', now.getTime()),
      member_id: row.member_id,
      benefit_key: row.benefit_key,
      event: 'used',
      coupon_id: row.id,
      tier_key: tier.key,
      amount_fen: discountFen,
      order_id: body.orderId,
      business_day: businessDayOf(now, program.rules.calendar),
      created_at: now.toISOString(),
    })
    .execute()
  const after = await trx.selectFrom('coupons').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  return { coupon: { ...couponFromRow(after, now), memberId: after.member_id }, discountFen }
}
