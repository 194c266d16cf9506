import type { DeliveryAddress } from './delivery-address'
import type { FulfilmentKind, MallCouponSpec, RedemptionStatus } from './mall.schemas'
import type { ItemAvailability } from './item-availability'

/** An item as the shopper sees it, with whether this member can redeem it now and why not. */
export interface MallItemView {
  id: string
  title: string
  description: string
  images: string[]
  pointsPrice: number
  /** Cash part in fen; 0 for points-only items. */
  cashFen: number
  fulfilment: FulfilmentKind
  coupon: MallCouponSpec | null
  /** Units left for everyone. */
  stock: number
  perMemberLimit: number | null
  /** How many this member already holds against the limit (pending or completed). */
  redeemedByMe: number
  minTier: { key: string; name: string } | null
  activeFrom: string | null
  activeUntil: string | null
  availability: ItemAvailability
}

/** An item as the merchant manages it. */
export interface AdminMallItem {
  id: string
  title: string
  description: string
  images: string[]
  pointsPrice: number
  cashFen: number
  stock: number
  perMemberLimit: number | null
  minTierKey: string | null
  activeFrom: string | null
  activeUntil: string | null
  fulfilment: FulfilmentKind
  coupon: MallCouponSpec | null
  onSale: boolean
  createdAt: string
  updatedAt: string
}

/** One redemption in "my redemptions" and on its detail page. */
export interface RedemptionView {
  id: string
  itemId: string
  itemTitle: string
  itemImage: string | null
  quantity: number
  pointsCost: number
  cashFen: number
  fulfilment: FulfilmentKind
  status: RedemptionStatus
  /** The status as the shopper reads it, e.g. 待支付, 待自提, 已自提, 已发券. */
  statusLabel: string
  /** Set while payment is due: after this the order expires and the points and stock come back. */
  paymentExpiresAt: string | null
  /** Pickup items once completed; null otherwise. */
  pickupCode: string | null
  pickedUpAt: string | null
  couponCodes: string[]
  delivery: DeliveryAddress | null
  createdAt: string
  paidAt: string | null
  closedAt: string | null
}

/**
 * What the mini-program needs to ask for payment: on WeChat, the signed fields of `wx.requestPayment`;
 * with the local provider (development, H5 demo), the order to confirm on the local payment page.
 */
export type PaymentParams =
  | { provider: 'wechat'; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string }
  | { provider: 'local'; outTradeNo: string; amountFen: number; description: string }

/** Answer to a redemption (and to its replay with the same Idempotency-Key). */
export interface RedeemResponse {
  redemption: RedemptionView
  /** Present while the redemption waits for payment; null when points alone settled it. */
  payment: PaymentParams | null
}

/** A page of redemptions, newest first. */
export interface RedemptionsPage {
  redemptions: RedemptionView[]
  nextCursor: string | null
}

/** What the staff page shows after verifying a pickup code. */
export interface PickupVerification {
  redemptionId: string
  itemTitle: string
  quantity: number
  memberNickname: string | null
  pickedUpAt: string
}
