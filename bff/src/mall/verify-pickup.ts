import { AppError, type PickupVerification } from '@mc/shared'
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
  }
  const judged = await judgeUnderThrottle<Judged>(db, subject, now, async (trx) => {
    const used = await trx
      .updateTable('mall_redemptions')
      .set({ picked_up_at: now.toISOString(), picked_up_by: staff.id, updated_at: now.toISOString() })
      .where('pickup_code', '=', code)
      .where('status', '=', 'completed')
      .where('picked_up_at', 'is', null)
      .where((eb) => eb.or([eb('pickup_outlet_id', 'is', null), eb('pickup_outlet_id', '=', staff.outletId)]))
      .executeTakeFirst()
    if (Number(used.numUpdatedRows) !== 1) {
      const row = await trx
        .selectFrom('mall_redemptions')
        .leftJoin('outlets', 'outlets.id', 'mall_redemptions.pickup_outlet_id')
        .select(['status', 'picked_up_at', 'outlets.name as outlet_name'])
        .where('pickup_code', '=', code)
        .executeTakeFirst()
      const usedAt = row?.status === 'completed' ? row.picked_up_at : null
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
  if (judged.otherOutlet !== undefined) throw new AppError('PICKUP_WRONG_OUTLET', { outletName: judged.otherOutlet })
  throw new AppError('PICKUP_CODE_INVALID')
}
