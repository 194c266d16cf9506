import { z } from 'zod'

const fen = z.number().int({ error: '金额必须是整数分 / amount must be whole fen' }).min(0).max(10_000_000_000)

/** Who bought: at least one key; the BFF looks them up in this order of preference. */
export const OrderMember = z
  .strictObject({
    memberId: z.string().min(1).max(64).optional(),
    openid: z.string().min(1).max(128).optional(),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .optional(),
  })
  .refine((m) => Boolean(m.memberId || m.openid || m.phone), {
    error: '至少提供一个会员标识 / at least one member key is required',
  })

export const OrderLine = z.strictObject({
  sku: z.string().min(1).max(64),
  category: z.string().min(1).max(64),
  qty: z.number().int().min(1).max(100_000),
  amountFen: fen,
})

/** The public contract shop systems send to POST /webhooks/orders (DESIGN.md §6); keep it exactly. */
export const OrderEvent = z
  .strictObject({
    id: z.string().min(1).max(128),
    type: z.enum(['order.paid', 'order.refunded', 'order.completed']),
    occurredAt: z.iso.datetime({ offset: true }),
    data: z.strictObject({
      orderId: z.string().min(1).max(128),
      member: OrderMember,
      amountFen: fen,
      refundId: z.string().min(1).max(128).optional(),
      refundAmountFen: fen.optional(),
      outletId: z.string().min(1).max(64).optional(),
      lines: z.array(OrderLine).max(500).optional(),
    }),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'order.refunded') {
      if (!event.data.refundId)
        ctx.addIssue({
          code: 'custom',
          path: ['data', 'refundId'],
          message: '退款事件需要 refundId / refundId is required for order.refunded',
        })
      if (event.data.refundAmountFen === undefined || event.data.refundAmountFen === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['data', 'refundAmountFen'],
          message: '退款事件需要退款金额 / refundAmountFen > 0 is required for order.refunded',
        })
      }
    }
  })
export type OrderEvent = z.infer<typeof OrderEvent>

/** What the webhook answers for an event, and again, identically, for every replay of it. */
export interface OrderEventOutcome {
  eventId: string
  orderId: string
  status: 'applied' | 'parked' | 'duplicate_refund'
  memberId: string | null
  growth: number
  points: number
  tier: { from: string; to: string } | null
}
