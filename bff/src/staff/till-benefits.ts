import { AppError, type TillBenefits } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { StaffIdentity } from '../auth/staff-sessions'
import { couponFromRow } from '../benefits/coupons'
import { memberPricing } from '../benefits/member-pricing'
import type { Database } from '../db/schema'
import { verificationValidMs } from '../member-code/consume-member-code'

/**
 * What the till may apply for a member: their cash-off coupons usable now, soonest ending first, and their tier's
 * member-price discount. Only for a member whose code this staff scanned in the last ten minutes and has not yet
 * recorded a purchase for (403 MEMBER_CODE_REQUIRED otherwise), so a till cannot browse members' coupons.
 */
export async function tillBenefits(
  db: Kysely<Database>,
  staff: StaffIdentity,
  memberId: string,
  now: Date,
): Promise<TillBenefits> {
  const since = new Date(now.getTime() - verificationValidMs).toISOString()
  const scanned = await db
    .selectFrom('member_code_uses')
    .select('step')
    .where('member_id', '=', memberId)
    .where('staff_id', '=', staff.id)
    .where('purchase_order_id', 'is', null)
    .where('used_at', '>', since)
    .limit(1)
    .executeTakeFirst()
  if (!scanned) throw new AppError('MEMBER_CODE_REQUIRED')
  const at = now.toISOString()
  const [pricing, rows] = await Promise.all([
    memberPricing(db, memberId),
    db
      .selectFrom('coupons')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('status', '=', 'available')
      .where('kind', '=', 'cash_off')
      .where('valid_from', '<=', at)
      .where('valid_until', '>', at)
      .orderBy('valid_until')
      .orderBy('id')
      .limit(50)
      .execute(),
  ])
  return {
    memberId,
    tier: pricing.tier,
    memberPriceDiscountPercent: pricing.memberPriceDiscountPercent,
    coupons: rows.map((row) => couponFromRow(row, now)),
  }
}
