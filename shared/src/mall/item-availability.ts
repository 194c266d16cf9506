import { z } from 'zod'

/** Why a member cannot redeem an item right now, in the order the checks apply. */
export const unavailableReasons = [
  'off_sale',
  'not_started',
  'ended',
  'sold_out',
  'tier_locked',
  'limit_reached',
  'points_short',
] as const
export type UnavailableReason = (typeof unavailableReasons)[number]

/** Whether this member can redeem an item now (and how many at most), or why not. */
export const ItemAvailability = z.discriminatedUnion('redeemable', [
  z.strictObject({ redeemable: z.literal(true), maxQuantity: z.number().int() }),
  z.strictObject({ redeemable: z.literal(false), reason: z.enum(unavailableReasons), message: z.string() }),
])
export type ItemAvailability = z.infer<typeof ItemAvailability>

/** What the availability rule needs to know about an item. */
export interface AvailabilityItem {
  onSale: boolean
  activeFrom: string | null
  activeUntil: string | null
  stock: number
  pointsPrice: number
  perMemberLimit: number | null
  /** Rank of the lowest tier allowed (0 = entry tier), or null for everyone; `minTierName` names it. */
  minTierRank: number | null
  minTierName: string | null
}

/** What it needs to know about the member. */
export interface AvailabilityMember {
  tierRank: number
  /** Points that can be spent now: balance − held, never below zero (a debt blocks spending). */
  availablePoints: number
  /** Units of this item the member holds against its limit. */
  redeemedCount: number
}

/** Most units one redemption may ask for. */
export const maxQuantityPerRedemption = 10

/**
 * Whether `member` can redeem `item` at `now`, and if not, the first reason in the order a shopper would want
 * to hear it. The server runs the same rule inside the redemption's transaction, so the page never promises
 * what the server then refuses, except where stock or points moved in between.
 */
export function itemAvailability(item: AvailabilityItem, member: AvailabilityMember, now: Date): ItemAvailability {
  const no = (reason: UnavailableReason, message: string): ItemAvailability => ({ redeemable: false, reason, message })
  if (!item.onSale) return no('off_sale', '该商品已下架')
  if (item.activeFrom && now.getTime() < Date.parse(item.activeFrom)) return no('not_started', '兑换尚未开始')
  if (item.activeUntil && now.getTime() >= Date.parse(item.activeUntil)) return no('ended', '兑换已结束')
  if (item.stock <= 0) return no('sold_out', '已兑完')
  if (item.minTierRank !== null && member.tierRank < item.minTierRank)
    return no('tier_locked', `${item.minTierName ?? '更高等级会员'}及以上专享`)
  const limitLeft = item.perMemberLimit === null ? Infinity : item.perMemberLimit - member.redeemedCount
  if (limitLeft <= 0) return no('limit_reached', `每人限兑 ${item.perMemberLimit} 件，已达上限`)
  const affordable = Math.floor(member.availablePoints / item.pointsPrice)
  if (affordable < 1) return no('points_short', `还差 ${item.pointsPrice - member.availablePoints} 积分`)
  return { redeemable: true, maxQuantity: Math.min(maxQuantityPerRedemption, item.stock, limitLeft, affordable) }
}

/** Shopper-facing label of a redemption's state. */
export function redemptionStatusLabel(status: string, fulfilment: string, handedOver: boolean): string {
  if (status === 'pending_payment') return '待支付'
  if (status === 'expired') return '已超时'
  if (status === 'cancelled') return '已取消'
  if (status === 'refunded') return '已退款'
  if (fulfilment === 'pickup') return handedOver ? '已自提' : '待自提'
  if (fulfilment === 'coupon') return '已发券'
  return handedOver ? '已发货' : '待发货'
}
