import { AppError, businessDayOf, newId, type CouponUseBody, type CouponUseResponse } from '@mc/shared'
import type { Kysely } from 'kysely'
import { forUpdate } from '../db/engine'
import type { Database } from '../db/schema'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram } from '../program/published-program'
import { couponFromRow, couponStatusAt } from './coupons'

/**
 * The shop redeems a coupon against one of its orders. The row is locked (PostgreSQL) or the write lock held
 * (SQLite), and the update is conditional on `status = 'available'`, so of any number of racing uses exactly
 * one succeeds; the rest get COUPON_ALREADY_USED. The use is recorded for effectiveness in the same transaction.
 */
export async function useCoupon(
  db: Kysely<Database>,
  code: string,
  body: CouponUseBody,
  now: Date,
): Promise<CouponUseResponse> {
  return db.transaction().execute(async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom('coupons').selectAll().where('code', '=', code.toUpperCase()),
    ).executeTakeFirst()
    if (!row) throw new AppError('COUPON_NOT_FOUND')
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
  })
}
