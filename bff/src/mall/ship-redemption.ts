import { AppError, type RedemptionView, type ShipmentBody } from '@mc/shared'
import { audit } from '../audit/audit'
import type { Deps } from '../deps'
import { lockRedemption, redemptionById } from './redemption-view'

/**
 * Records how a completed delivery item was sent: carrier and tracking number, once. Sending the same shipment
 * again answers the redemption unchanged (a retried click); a different one is 409 REDEMPTION_ALREADY_SHIPPED,
 * since the member may already be tracking the first. Audited with who shipped it.
 */
export async function shipRedemption(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: string,
  redemptionId: string,
  shipment: ShipmentBody,
): Promise<RedemptionView> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockRedemption(trx, redemptionId)
    if (row.shipped_at !== null) {
      if (row.shipping_carrier === shipment.carrier && row.tracking_no === shipment.trackingNo) return
      throw new AppError('REDEMPTION_ALREADY_SHIPPED', {
        carrier: row.shipping_carrier,
        trackingNo: row.tracking_no,
        shippedAt: row.shipped_at,
      })
    }
    if (row.fulfilment !== 'delivery' || row.status !== 'completed') {
      throw new AppError('REDEMPTION_NOT_SHIPPABLE', { fulfilment: row.fulfilment, status: row.status })
    }
    const shipped = await trx
      .updateTable('mall_redemptions')
      .set({
        shipped_at: now.toISOString(),
        shipping_carrier: shipment.carrier,
        tracking_no: shipment.trackingNo,
        shipped_by: actor,
        updated_at: now.toISOString(),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'completed')
      .where('shipped_at', 'is', null)
      .executeTakeFirst()
    if (Number(shipped.numUpdatedRows) !== 1) throw new AppError('REDEMPTION_NOT_SHIPPABLE', { status: row.status })
    await audit(trx, {
      actor,
      action: 'mall_redemption.ship',
      targetType: 'mall_redemption',
      targetId: row.id,
      detail: shipment,
      now,
    })
  })
  return redemptionById(deps.db, redemptionId)
}
