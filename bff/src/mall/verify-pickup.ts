import { AppError, chineseDate, pickupExpired, type PickupVerification } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { audit } from '../audit/audit'
import { judgeUnderThrottle, maxFailures } from '../auth/failed-attempts'
import type { StaffIdentity } from '../auth/staff-sessions'

/**
 * Staff hand over a pickup item: the code is marked used by one conditional update, so of two tills scanning
 * the same code at once exactly one succeeds and the other is told when it was used. Wrong codes count
 * towards the staff account's throttle, as wrong member codes do, so codes cannot be guessed at the till.
 * Only the store the shopper chose hands the item over (the stock is set aside there); another store's till is
 * told which store it is, and that is no wrong guess. Older redemptions without a store go to any store.
 * From the pickup deadline on the code is refused (PICKUP_CODE_EXPIRED, no wrong guess either, nothing written):
 * the merchant settles it with the shopper, e.g. by refunding the points. Redemptions without a deadline stay
 * collectable.
 */
export async function verifyPickup(
  db: Kysely<Database>,
  staff: StaffIdentity,
  code: string,
  now: Date,
): Promise<PickupVerification> {
  // The code is judged under the staff account's throttle: one check at a time per account, a wrong code recorded
  // in the same transaction, so concurrent guesses cannot all be judged before one counts.
  const subject = { kind: 'pickup_code', subject: staff.id, allowed: maxFailures } as const
  type Judged = {
    claimed: { id: string; item_title: string; quantity: number; nickname: string } | null
    usedAt: string | null
    otherOutlet?: string
    expired?: { lastDay: string | null; deadline: string }
  }
  const nowIso = now.toISOString()
  const judged = await judgeUnderThrottle<Judged>(db, subject, now, async (trx) => {
    const used = await trx
      .updateTable('mall_redemptions')
      .set({ picked_up_at: now.toISOString(), picked_up_by: staff.id, updated_at: now.toISOString() })
      .where('pickup_code', '=', code)
      .where('status', '=', 'completed')
      .where('picked_up_at', 'is', null)
      .where((eb) => eb.or([eb('pickup_outlet_id', 'is', null), eb('pickup_outlet_id', '=', staff.outletId)]))
      // Instants are ISO text of one length on both engines, so text order is time order.
      .where((eb) => eb.or([eb('pickup_deadline', 'is', null), eb('pickup_deadline', '>', nowIso)]))
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) {
      const row = await trx
        .selectFrom('mall_redemptions')
        .leftJoin('outlets', 'outlets.id', 'mall_redemptions.pickup_outlet_id')
        .select(['status', 'picked_up_at', 'pickup_deadline', 'pickup_last_day', 'outlets.name as outlet_name'])
        .where('pickup_code', '=', code)
        .executeTakeFirst()
      const usedAt = row?.status === 'completed' ? row.picked_up_at : null
      // Expired is said before the store: no store can hand it over any more.
      if (row?.status === 'completed' && usedAt === null && pickupExpired(row.pickup_deadline, now)) {
        const expired = { lastDay: row.pickup_last_day, deadline: row.pickup_deadline as string }
        return { wrongGuess: false, value: { claimed: null, usedAt, expired } }
      }
      if (row?.status === 'completed' && usedAt === null && row.outlet_name !== null) {
        return { wrongGuess: false, value: { claimed: null, usedAt, otherOutlet: row.outlet_name } }
      }
      return { wrongGuess: usedAt === null, value: { claimed: null, usedAt } }
    }
    const row = await trx
      .selectFrom('mall_redemptions')
      .innerJoin('members', 'members.id', 'mall_redemptions.member_id')
      .select(['mall_redemptions.id', 'item_title', 'quantity', 'members.nickname'])
      .where('pickup_code', '=', code)
      .executeTakeFirstOrThrow()
    await audit(trx, {
      actor: `staff:${staff.id}`,
      action: 'mall_redemption.pickup',
      targetType: 'mall_redemption',
      targetId: row.id,
      detail: { outletId: staff.outletId },
      now,
    })
    return { wrongGuess: false, value: { claimed: row, usedAt: null } }
  })
  const { claimed } = judged
  if (claimed) {
    return {
      redemptionId: claimed.id,
      itemTitle: claimed.item_title,
      quantity: claimed.quantity,
      memberNickname: claimed.nickname || null,
      pickedUpAt: now.toISOString(),
    }
  }
  if (judged.usedAt !== null) throw new AppError('PICKUP_CODE_USED', { pickedUpAt: judged.usedAt })
  if (judged.expired !== undefined) {
    const { lastDay, deadline } = judged.expired
    throw new AppError(
      'PICKUP_CODE_EXPIRED',
      { pickupDeadline: deadline, pickupLastDay: lastDay },
      `该订单的自提期限${lastDay ? `至 ${chineseDate(lastDay)}` : ''}，已过期，不能核销，请引导会员联系商家处理`,
    )
  }
  if (judged.otherOutlet !== undefined) throw new AppError('PICKUP_WRONG_OUTLET', { outletName: judged.otherOutlet })
  throw new AppError('PICKUP_CODE_INVALID')
}
