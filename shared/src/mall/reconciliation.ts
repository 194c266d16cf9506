import { z } from 'zod'

/**
 * Why a payment needs a person:
 * - `refund_failed`: a cash refund could not be requested (the points side is settled); retry it or refund by hand.
 * - `late_payment_refunded`: money arrived after the order had closed and was sent back automatically; check it.
 * - `unknown_order`: the payment service reported an order we do not have.
 * - `payment_mismatch`: a report did not match its order (amount, merchant or app) and was refused.
 */
export const reconciliationKinds = [
  'refund_failed',
  'late_payment_refunded',
  'unknown_order',
  'payment_mismatch',
] as const
export type ReconciliationKind = (typeof reconciliationKinds)[number]

export const reconciliationKindLabels: Record<ReconciliationKind, string> = {
  refund_failed: '退款失败',
  late_payment_refunded: '超时支付已自动退款',
  unknown_order: '未知订单的支付通知',
  payment_mismatch: '支付通知与订单不符',
}

/** What the merchant can do about an entry: ask the provider again (through the refund route), or close it. */
export const reconciliationActions = ['retry_refund', 'resolve'] as const

/** One entry of the reconciliation queue; `id` is the redemption's id or the payment event's id. */
export const ReconciliationItem = z
  .strictObject({
    id: z.string(),
    kind: z.enum(reconciliationKinds),
    kindLabel: z.string(),
    redemptionId: z.string().nullable(),
    outTradeNo: z.string().nullable(),
    itemTitle: z.string().nullable(),
    cashFen: z.number().int().nullable(),
    refundNo: z.string().nullable(),
    refundReason: z.string().nullable(),
    /** The last thing the payment trail says, e.g. the provider's error message. */
    lastEvent: z.strictObject({ event: z.string(), detail: z.unknown(), createdAt: z.string() }).nullable(),
    actions: z.array(z.enum(reconciliationActions)),
    createdAt: z.string(),
  })
  .meta({ id: 'ReconciliationItem' })
export type ReconciliationItem = z.infer<typeof ReconciliationItem>

/** GET /api/admin/mall/reconciliation: everything waiting for a person, newest first. */
export const ReconciliationResponse = z.strictObject({ items: z.array(ReconciliationItem) })
export type ReconciliationResponse = z.infer<typeof ReconciliationResponse>

/** The answer to resolving an entry: it has left the queue. */
export const ResolvedReconciliation = z.strictObject({
  id: z.string(),
  kind: z.enum(reconciliationKinds),
  resolvedAt: z.string(),
  resolvedBy: z.string(),
  note: z.string(),
})
export type ResolvedReconciliation = z.infer<typeof ResolvedReconciliation>
