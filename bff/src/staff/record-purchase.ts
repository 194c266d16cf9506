import type { StaffPurchaseBody, StaffPurchaseOutcome } from '@mc/shared'
import type { Deps } from '../deps'
import { runIdempotent, type IdempotentResult } from '../http/idempotency'
import { consumeMemberCode, memberIdForCode, spendVerification } from '../member-code/consume-member-code'
import { withGuessesCounted } from '../member-code/verify-member-code'
import type { StaffIdentity } from '../auth/staff-sessions'
import { recordTillPurchase } from './till-purchase'

/**
 * Records a till purchase (with the member's coupon, within the merchant's limits, see `recordTillPurchase`)
 * through the same earning pipeline as an online order. The outlet and receipt number are the idempotency key,
 * so a replay (or twenty at once) posts once and answers the first outcome; the same receipt with another
 * amount, member or coupon is 409 IDEMPOTENCY_KEY_REUSED. A replay needs no fresh code.
 */
export async function recordStaffPurchase(
  deps: Deps,
  staff: StaffIdentity,
  body: StaffPurchaseBody,
): Promise<IdempotentResult<StaffPurchaseOutcome>> {
  const { db, clock } = deps
  const now = clock.now()
  const { code } = body
  return withGuessesCounted(
    deps,
    staff,
    now,
    async () => {
      const memberId = body.memberId ?? (await memberIdForCode(db, code!))
      const request = {
        memberId,
        amountFen: body.amountFen,
        receiptNo: body.receiptNo,
        couponCode: body.couponCode?.toUpperCase(),
      }
      return runIdempotent(
        db,
        { scope: 'staff_purchase', key: `${staff.outletId}:${body.receiptNo}`, body: request, now },
        async (trx) => {
          const orderId = `pos:${staff.outletId}:${body.receiptNo}`
          if (code !== undefined) await consumeMemberCode(trx, { code, staff, now, purchaseOrderId: orderId })
          else await spendVerification(trx, { memberId, staff, now, purchaseOrderId: orderId })
          return {
            status: 201,
            body: await recordTillPurchase(trx, {
              orderId,
              memberId,
              staff,
              amountFen: body.amountFen,
              receiptNo: body.receiptNo,
              couponCode: body.couponCode,
              now,
            }),
          }
        },
      )
    },
    { code },
  )
}
