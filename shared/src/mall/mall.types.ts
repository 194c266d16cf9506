import { z } from 'zod'
import { DeliveryAddress } from './delivery-address'
import { fulfilmentKinds, MallCouponSpec, redemptionStatuses } from './mall.schemas'
import { ItemAvailability } from './item-availability'
import { PickupOutlet } from '../outlets/pickup-outlet'

/** An item as the shopper sees it, with whether this member can redeem it now and why not. */
export const MallItemView = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    pointsPrice: z.number().int(),
    /** Cash part in fen; 0 for points-only items. */
    cashFen: z.number().int(),
    fulfilment: z.enum(fulfilmentKinds),
    coupon: MallCouponSpec.nullable(),
    /** Pickup items: business days the item waits at the store once collectable. */
    pickupDays: z.number().int(),
    /** Units left for everyone. */
    stock: z.number().int(),
    perMemberLimit: z.number().int().nullable(),
    /** How many this member already holds against the limit (pending or completed). */
    redeemedByMe: z.number().int(),
    /** The lowest tier allowed, with the tier's colour (#RRGGBB) so its tag looks like the tier everywhere. */
    minTier: z.strictObject({ key: z.string(), name: z.string(), color: z.string() }).nullable(),
    activeFrom: z.string().nullable(),
    activeUntil: z.string().nullable(),
    availability: ItemAvailability,
  })
  .meta({ id: 'MallItemView' })
export type MallItemView = z.infer<typeof MallItemView>

/** GET /api/mall/items. */
export const MallItemsResponse = z.strictObject({ items: z.array(MallItemView) })
export type MallItemsResponse = z.infer<typeof MallItemsResponse>

/** GET /api/mall/items/:itemId. */
export const MallItemResponse = z.strictObject({ item: MallItemView })
export type MallItemResponse = z.infer<typeof MallItemResponse>

/** An item as the merchant manages it. */
export const AdminMallItem = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    pointsPrice: z.number().int(),
    cashFen: z.number().int(),
    stock: z.number().int(),
    perMemberLimit: z.number().int().nullable(),
    minTierKey: z.string().nullable(),
    activeFrom: z.string().nullable(),
    activeUntil: z.string().nullable(),
    fulfilment: z.enum(fulfilmentKinds),
    coupon: MallCouponSpec.nullable(),
    pickupDays: z.number().int(),
    onSale: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AdminMallItem' })
export type AdminMallItem = z.infer<typeof AdminMallItem>

/** GET /api/admin/mall/items. */
export const AdminMallItemsResponse = z.strictObject({ items: z.array(AdminMallItem) })
export type AdminMallItemsResponse = z.infer<typeof AdminMallItemsResponse>

/** The answer to creating, changing or restocking an item. */
export const AdminMallItemResponse = z.strictObject({ item: AdminMallItem })
export type AdminMallItemResponse = z.infer<typeof AdminMallItemResponse>

/** How a delivery item was sent, as the member and the merchant see it. */
export const RedemptionShipment = z
  .strictObject({ carrier: z.string(), trackingNo: z.string(), shippedAt: z.string() })
  .meta({ id: 'RedemptionShipment' })
export type RedemptionShipment = z.infer<typeof RedemptionShipment>

/** One redemption in "my redemptions" and on its detail page. */
export const RedemptionView = z
  .strictObject({
    id: z.string(),
    /** The number the shopper and staff read out, derived from the id (redemptionOrderNo), e.g. 2612045581247. */
    orderNo: z.string(),
    itemId: z.string(),
    itemTitle: z.string(),
    itemImage: z.string().nullable(),
    quantity: z.number().int(),
    pointsCost: z.number().int(),
    cashFen: z.number().int(),
    fulfilment: z.enum(fulfilmentKinds),
    status: z.enum(redemptionStatuses),
    /** The status as the shopper reads it, e.g. 待支付, 待自提, 已自提, 已发券. */
    statusLabel: z.string(),
    /** Set while payment is due: after this the order expires and the points and stock come back. */
    paymentExpiresAt: z.string().nullable(),
    /** Pickup items once completed; null otherwise. */
    pickupCode: z.string().nullable(),
    pickedUpAt: z.string().nullable(),
    /**
     * Pickup items once collectable: the instant the pickup window ends (the end of the merchant's business day
     * `pickupLastDay`); staff refuse the code from then on. Null for other items and for pickups from before
     * deadlines existed, which stay collectable.
     */
    pickupDeadline: z.string().nullable(),
    /** The last business day to collect, YYYY-MM-DD, as the shopper is told it (请于 … 前到店自提). */
    pickupLastDay: z.string().nullable(),
    /** Pickup items: the store the shopper chose, where the code is handed over; null for other items. */
    pickupOutlet: PickupOutlet.nullable(),
    couponCodes: z.array(z.string()),
    delivery: DeliveryAddress.nullable(),
    /** Delivery items once the merchant has shipped them: the carrier and the tracking number to look up. */
    shipment: RedemptionShipment.nullable(),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'RedemptionView' })
export type RedemptionView = z.infer<typeof RedemptionView>

/** One redemption: its detail, or its state after a cancel, a local payment or a refund. */
export const RedemptionResponse = z.strictObject({ redemption: RedemptionView })
export type RedemptionResponse = z.infer<typeof RedemptionResponse>

/**
 * What the mini-program needs to ask for payment: on WeChat, the signed fields of `wx.requestPayment`;
 * with the local provider (development, H5 demo), the order to confirm on the local payment page.
 */
export const PaymentParams = z
  .discriminatedUnion('provider', [
    z.strictObject({
      provider: z.literal('wechat'),
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.literal('RSA'),
      paySign: z.string(),
    }),
    z.strictObject({
      provider: z.literal('local'),
      outTradeNo: z.string(),
      amountFen: z.number().int(),
      description: z.string(),
    }),
  ])
  .meta({ id: 'PaymentParams' })
export type PaymentParams = z.infer<typeof PaymentParams>

/** Answer to a redemption (and to its replay with the same Idempotency-Key). */
export const RedeemResponse = z.strictObject({
  redemption: RedemptionView,
  /** Present while the redemption waits for payment; null when points alone settled it. */
  payment: PaymentParams.nullable(),
})
export type RedeemResponse = z.infer<typeof RedeemResponse>

/** POST /api/me/redemptions/:redemptionId/payment: a pending redemption and what to pay it with. */
export const PaymentRequestResponse = z.strictObject({ redemption: RedemptionView, payment: PaymentParams })
export type PaymentRequestResponse = z.infer<typeof PaymentRequestResponse>

/** A page of redemptions, newest first. */
export const RedemptionsPage = z.strictObject({
  redemptions: z.array(RedemptionView),
  nextCursor: z.string().nullable(),
})
export type RedemptionsPage = z.infer<typeof RedemptionsPage>

/** What the staff page shows after verifying a pickup code. */
export const PickupVerification = z.strictObject({
  redemptionId: z.string(),
  itemTitle: z.string(),
  quantity: z.number().int(),
  memberNickname: z.string().nullable(),
  pickedUpAt: z.string(),
})
export type PickupVerification = z.infer<typeof PickupVerification>

/** What settling a payment report did: the notice endpoint answers 200 to all of these. */
export const settlements = [
  'completed',
  'already_settled',
  'recompleted_late',
  'refunded_late',
  'not_paid',
  'unknown_order',
] as const
export type Settlement = (typeof settlements)[number]

/** POST /webhooks/payments/wechat: WeChat Pay's success answer, with what the notice settled. */
export const PaymentNoticeAnswer = z.strictObject({
  code: z.literal('SUCCESS'),
  message: z.string(),
  settlement: z.enum(settlements),
})
export type PaymentNoticeAnswer = z.infer<typeof PaymentNoticeAnswer>
