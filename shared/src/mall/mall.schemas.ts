import { z } from 'zod'
import { PickupOutletId } from '../outlets/pickup-outlet'
import { pageCursor, pageLimit } from '../api/page-query'
import { DeliveryAddress } from './delivery-address'
import { defaultPickupDays } from './pickup-deadline'

/** How a redeemed item reaches the member: a coupon issued at once, a parcel, or a pickup at a store's till. */
export const fulfilmentKinds = ['coupon', 'delivery', 'pickup'] as const
export type FulfilmentKind = (typeof fulfilmentKinds)[number]

const points = (max: number) => z.number().int({ error: '须为整数 / must be a whole number' }).min(0).max(max)
const isoTime = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601 / must be an ISO 8601 time' })

/** The coupon a coupon item issues; it lives `validDays` business days from the redemption. */
export const MallCouponSpec = z.strictObject({
  name: z.string().trim().min(1).max(32),
  kind: z.enum(['cash_off', 'free_shipping']),
  thresholdFen: points(100_000_000),
  discountFen: points(100_000_000),
  validDays: z.number().int().min(1).max(366),
})
export type MallCouponSpec = z.infer<typeof MallCouponSpec>

const itemFields = {
  title: z.string().trim().min(1, { error: '请填写商品名称 / title is required' }).max(40),
  description: z.string().max(2000),
  /** Image addresses (https, or a site-relative path to the merchant's own files), first one is the cover. */
  images: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(https:\/\/|\/)[^\s]{1,500}$/, {
          error: '图片地址应为 https 或站内路径 / image must be an https URL or a site path',
        }),
    )
    .max(9),
  pointsPrice: z
    .number()
    .int({ error: '积分价须为整数 / pointsPrice must be a whole number' })
    .min(1, { error: '积分价至少为 1 / pointsPrice must be at least 1' })
    .max(10_000_000),
  /** Cash part in fen; 0 means points only. */
  cashFen: points(10_000_000),
  perMemberLimit: z.number().int().min(1).max(100).nullable(),
  /** Lowest tier that may redeem; null opens the item to every member. */
  minTierKey: z.string().trim().min(1).max(32).nullable(),
  activeFrom: isoTime.nullable(),
  activeUntil: isoTime.nullable(),
  fulfilment: z.enum(fulfilmentKinds),
  coupon: MallCouponSpec.nullable(),
  /** Pickup items: business days the item waits at the store once collectable (自提有效期); others ignore it. */
  pickupDays: z
    .number()
    .int({ error: '自提期限须为整数天 / pickupDays must be a whole number' })
    .min(1, { error: '自提期限至少 1 天 / pickupDays must be at least 1' })
    .max(365, { error: '自提期限最多 365 天 / pickupDays must be at most 365' }),
  onSale: z.boolean(),
}

/** Rules that need several fields at once; run on a new item and on an item after a patch is applied. */
export function checkItemConsistency(
  item: Pick<MallItemInput, 'fulfilment' | 'coupon' | 'activeFrom' | 'activeUntil'>,
  ctx: z.RefinementCtx,
) {
  if ((item.fulfilment === 'coupon') !== (item.coupon !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['coupon'],
      message: '券类商品须填写券面，其他商品不能填写 / coupon is required exactly when fulfilment is coupon',
    })
  }
  if (item.activeFrom && item.activeUntil && Date.parse(item.activeUntil) <= Date.parse(item.activeFrom)) {
    ctx.addIssue({
      code: 'custom',
      path: ['activeUntil'],
      message: '结束时间须晚于开始时间 / activeUntil must be after activeFrom',
    })
  }
}

/** POST /api/admin/mall/items. */
export const MallItemInput = z
  .strictObject({
    ...itemFields,
    description: itemFields.description.default(''),
    images: itemFields.images.default([]),
    cashFen: itemFields.cashFen.default(0),
    perMemberLimit: itemFields.perMemberLimit.default(null),
    minTierKey: itemFields.minTierKey.default(null),
    activeFrom: itemFields.activeFrom.default(null),
    activeUntil: itemFields.activeUntil.default(null),
    coupon: itemFields.coupon.default(null),
    pickupDays: itemFields.pickupDays.default(defaultPickupDays),
    onSale: itemFields.onSale.default(true),
    stock: z.number().int().min(0).max(1_000_000),
  })
  .superRefine(checkItemConsistency)
export type MallItemInput = z.infer<typeof MallItemInput>

/** PATCH /api/admin/mall/items/:itemId: any item field but stock, which only moves through POST …/stock. */
export const MallItemPatch = z.strictObject(itemFields).partial()
export type MallItemPatch = z.infer<typeof MallItemPatch>

/** POST /api/admin/mall/items/:itemId/stock: adds (or, negative, removes) units; stock never goes below zero. */
export const StockChangeBody = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, { error: '变动数量不能为 0 / delta must not be 0' }),
})
export type StockChangeBody = z.infer<typeof StockChangeBody>

export const MallItemIdParam = z.strictObject({ itemId: z.string().min(1).max(64) })
export const RedemptionIdParam = z.strictObject({ redemptionId: z.string().min(1).max(64) })

/** POST /api/mall/redemptions, sent with an Idempotency-Key header the client saved before sending. */
export const RedeemBody = z.strictObject({
  itemId: z.string().min(1).max(64),
  quantity: z.number().int().min(1).max(10).default(1),
  delivery: DeliveryAddress.optional(),
  /**
   * Pickup items: the store to collect at. Left out, the BFF takes the member's store (last pickup, else where they
   * joined) or the only store; with several stores and neither, it answers PICKUP_OUTLET_REQUIRED.
   */
  pickupOutletId: PickupOutletId.optional(),
})
export type RedeemBody = z.infer<typeof RedeemBody>

export const redemptionStatuses = ['pending_payment', 'completed', 'expired', 'cancelled', 'refunded'] as const
export type RedemptionStatus = (typeof redemptionStatuses)[number]

/** GET /api/me/redemptions: newest first, by cursor. */
export const RedemptionsQuery = z.strictObject({
  cursor: pageCursor('rdm'),
  limit: pageLimit(50, 20),
})
export type RedemptionsQuery = z.infer<typeof RedemptionsQuery>

/**
 * The admin list's status filter: a redemption status, or `to_ship` (completed delivery items without a
 * tracking number yet) and `shipped` (delivery items that have one).
 */
export const adminRedemptionFilters = [...redemptionStatuses, 'to_ship', 'shipped'] as const
export type AdminRedemptionFilter = (typeof adminRedemptionFilters)[number]

/** GET /api/admin/mall/redemptions. */
export const AdminRedemptionsQuery = RedemptionsQuery.extend({
  status: z.enum(adminRedemptionFilters).optional(),
  fulfilment: z.enum(fulfilmentKinds).optional(),
  reconciliation: z.enum(['needed']).optional(),
  /** The 13-digit order number the shopper reads out (redemptionOrderNo), without spaces. */
  orderNo: z
    .string()
    .regex(/^\d{13}$/, { error: '兑换单号为 13 位数字 / order number: 13 digits' })
    .optional(),
})
export type AdminRedemptionsQuery = z.infer<typeof AdminRedemptionsQuery>

/** GET /api/admin/mall/items: on or off sale, by fulfilment kind, and a title search. */
export const AdminMallItemsQuery = z.strictObject({
  onSale: z.enum(['true', 'false']).optional(),
  kind: z.enum(fulfilmentKinds).optional(),
  q: z.string().trim().min(1).max(40).optional(),
})
export type AdminMallItemsQuery = z.infer<typeof AdminMallItemsQuery>

/** POST /api/admin/mall/redemptions/:redemptionId/shipment: recorded once for a completed delivery item. */
export const ShipmentBody = z.strictObject({
  carrier: z
    .string()
    .trim()
    .min(1, { error: '请填写快递公司 / carrier is required' })
    .max(32, { error: '快递公司最多 32 个字 / carrier is at most 32 characters' }),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, {
      error: '运单号为 4–40 位字母、数字或 - / tracking number: 4–40 letters, digits or -',
    }),
})
export type ShipmentBody = z.infer<typeof ShipmentBody>

/** POST /api/admin/mall/reconciliation/:itemId/resolve: what the person checked or did, kept in the trail. */
export const ResolveReconciliationBody = z.strictObject({
  note: z
    .string()
    .trim()
    .min(2, { error: '请写明处理结果 / say what was done' })
    .max(200, { error: '最多 200 个字 / at most 200 characters' }),
})
export type ResolveReconciliationBody = z.infer<typeof ResolveReconciliationBody>

export const ReconciliationIdParam = z.strictObject({ itemId: z.string().min(1).max(64) })

/** Pickup codes are 10 digits, shown to the member and typed or scanned by staff. */
export const PickupCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{10}$/, { error: '取货码为 10 位数字 / code must be 10 digits' }),
})
export type PickupCodeBody = z.infer<typeof PickupCodeBody>

/** POST /api/admin/mall/redemptions/:redemptionId/refund: the reason is required and shown to the member. */
export const RefundBody = z.strictObject({
  reason: z
    .string({ error: '请填写退款原因 / reason is required' })
    .trim()
    .min(2, { error: '请填写退款原因（至少 2 个字）/ reason is required' })
    .max(80, { error: '退款原因最多 80 个字 / reason is at most 80 characters' }),
})
export type RefundBody = z.infer<typeof RefundBody>
