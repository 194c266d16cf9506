import {
  DeliveryAddress,
  type FulfilmentKind,
  type MallCouponSpec,
  type RedemptionStatus,
  type RedemptionView,
} from '@mc/shared'
import { couponTitle } from '../coupons/coupon-copy'
import { chineseDate, groupThousands, shanghaiDateTime, yuanFromFen } from '../format'

// Strings the points mall shows, as pure functions so each wording is tested once and reads the same on every page.

/** An item's price, or a total: "1,200 积分", or "800 积分 + ¥9.90" when there is a cash part. */
export function priceLabel(pointsPrice: number, cashFen: number, quantity = 1): string {
  const points = `${groupThousands(pointsPrice * quantity)} 积分`
  return cashFen > 0 ? `${points} + ${yuanFromFen(cashFen * quantity)}` : points
}

/** The lowest tier allowed, e.g. 黄金会员 → "黄金及以上". */
export function tierBadge(tierName: string): string {
  return `${tierName.replace(/会员$/, '') || tierName}及以上`
}

/** "限兑 2 件", or null without a per-member limit. */
export function limitBadge(perMemberLimit: number | null): string | null {
  return perMemberLimit === null ? null : `限兑 ${perMemberLimit} 件`
}

/** How many are left: "剩余 36 件" or "已兑完". */
export function stockText(stock: number): string {
  return stock > 0 ? `剩余 ${stock} 件` : '已兑完'
}

/** The glyph on an item's tile when it has no picture: 券 (coupon), 礼 (parcel), 店 (pickup at a store). */
export const fulfilmentGlyphs: Record<FulfilmentKind, string> = { coupon: '券', delivery: '礼', pickup: '店' }

/** What the shopper receives, in two words. */
export const fulfilmentTitles: Record<FulfilmentKind, string> = {
  coupon: '优惠券',
  delivery: '快递到家',
  pickup: '到店自提',
}

/** How the item reaches the shopper after redeeming; a pickup item says how long it waits at the store. */
export function fulfilmentNote(item: { fulfilment: FulfilmentKind; pickupDays: number }): string {
  if (item.fulfilment === 'coupon') return '兑换成功后优惠券立即发放到「我的优惠券」，可在「我的权益」中查看。'
  if (item.fulfilment === 'delivery') return '兑换时需填写收货地址，兑换成功后商家将尽快安排快递寄出。'
  return `兑换成功后获得 10 位取货码，请在 ${item.pickupDays} 天内到所选门店向店员出示，核销后即可领取。`
}

/** A coupon item's face: its title as the wallet shows it ("满 50 减 10", "无门槛减 5", "包邮券") and how long it lasts. */
export function couponSpecText(coupon: MallCouponSpec): string {
  return `${couponTitle(coupon)} · 兑换后 ${coupon.validDays} 天内有效`
}

/** When the item may be redeemed, in Asia/Shanghai time: "长期有效", "… 起", "至 …" or "… 至 …". */
export function activePeriodText(activeFrom: string | null, activeUntil: string | null): string {
  if (activeFrom && activeUntil) return `${shanghaiDateTime(activeFrom)} 至 ${shanghaiDateTime(activeUntil)}`
  if (activeFrom) return `${shanghaiDateTime(activeFrom)} 起`
  if (activeUntil) return `至 ${shanghaiDateTime(activeUntil)}`
  return '长期有效'
}

/** A 10-digit pickup code grouped 3-3-4 for reading aloud: "123 456 7890"; anything else unchanged. */
export function groupPickupCode(code: string): string {
  return /^\d{10}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}` : code
}

/**
 * The pickup window of an uncollected pickup: 「请于 2026年12月31日 前到店自提」 while it runs, 「已超过自提期限」 once
 * `nowMs` reaches the deadline; null when there is nothing to say (not a pickup waiting, or no deadline on it).
 */
export function pickupDeadlineText(
  r: Pick<RedemptionView, 'fulfilment' | 'status' | 'pickedUpAt' | 'pickupDeadline' | 'pickupLastDay'>,
  nowMs: number,
): { expired: boolean; text: string } | null {
  if (r.fulfilment !== 'pickup' || r.status !== 'completed' || r.pickedUpAt !== null) return null
  if (r.pickupDeadline === null || r.pickupLastDay === null) return null
  if (nowMs >= Date.parse(r.pickupDeadline)) return { expired: true, text: '已超过自提期限' }
  return { expired: false, text: `请于 ${chineseDate(r.pickupLastDay)} 前到店自提` }
}

/**
 * A redemption's status as shown at `nowMs`: the BFF's label and tone, except a pickup whose window has passed,
 * which reads 已过期未领取 in the closed tone rather than 待自提 (the order stands until the merchant settles it).
 */
export function shownStatus(
  r: Pick<
    RedemptionView,
    'fulfilment' | 'status' | 'statusLabel' | 'pickedUpAt' | 'pickupDeadline' | 'pickupLastDay' | 'shipment'
  >,
  nowMs: number,
): { label: string; tone: StatusTone; hint: string } {
  if (pickupDeadlineText(r, nowMs)?.expired) {
    return { label: '已过期未领取', tone: 'closed', hint: '超过自提期限未领取，取货码已失效，请联系门店处理' }
  }
  return {
    label: r.statusLabel,
    tone: statusTone(r.status),
    hint: statusHint(r.status, r.fulfilment, r.pickedUpAt, r.shipment?.shippedAt ?? null),
  }
}

/** A coupon code in groups of four: "ABCD EFGH JKMN PQRS". */
export function groupCouponCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}

/** Whole seconds from `nowMs` until `iso`, rounded up, never below zero; 0 for an unreadable time. */
export function secondsUntil(iso: string, nowMs: number): number {
  const ms = Date.parse(iso) - nowMs
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.ceil(ms / 1000))
}

/** A countdown as "mm:ss", or "h:mm:ss" from an hour up. */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const pad = (n: number) => String(n).padStart(2, '0')
  const hours = Math.floor(s / 3600)
  const rest = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
  return hours > 0 ? `${hours}:${rest}` : rest
}

/** How a status reads at a glance: waiting on the shopper, done, or closed without effect. */
export type StatusTone = 'pending' | 'done' | 'closed'

export function statusTone(status: RedemptionStatus): StatusTone {
  if (status === 'pending_payment') return 'pending'
  return status === 'completed' ? 'done' : 'closed'
}

/** The line under a redemption's status on its detail page. */
export function statusHint(
  status: RedemptionStatus,
  fulfilment: FulfilmentKind,
  pickedUpAt: string | null,
  shippedAt: string | null = null,
): string {
  if (status === 'pending_payment') return '请在倒计时结束前完成支付，超时订单将自动取消'
  if (status === 'expired') return '订单已超时未支付，积分已退回'
  if (status === 'cancelled') return '订单已取消，积分已退回'
  if (status === 'refunded') return '订单已退款，积分与现金已原路退回'
  if (fulfilment === 'pickup')
    return pickedUpAt ? `已于 ${shanghaiDateTime(pickedUpAt)} 在门店领取` : '凭取货码到门店领取，请向店员出示'
  if (fulfilment === 'coupon') return '优惠券已发放到「我的优惠券」'
  return shippedAt ? `已于 ${shanghaiDateTime(shippedAt)} 发货，可凭运单号查询物流` : '商家将尽快安排发货'
}

/** The cashier of an order that waits for no payment: its state, what became of the cash, and of the points. */
export function settledCashierText(r: Pick<RedemptionView, 'status' | 'cashFen' | 'pointsCost'>): {
  title: string
  cash: string
  points: string
} {
  const cash = yuanFromFen(r.cashFen)
  const points = groupThousands(r.pointsCost)
  if (r.status === 'completed') return { title: '支付成功', cash: `已支付 ${cash}`, points: `已使用 ${points} 积分` }
  if (r.status === 'refunded') return { title: '订单已退款', cash: `已退款 ${cash}`, points: `${points} 积分已退回` }
  if (r.status === 'cancelled') return { title: '订单已取消', cash: '未扣款', points: `冻结的 ${points} 积分已退回` }
  // Expired, or still pending on the server a moment after the deadline passed on the phone.
  const returned = r.status === 'expired' ? '已退回' : '将退回'
  return { title: '订单已超时', cash: '未扣款', points: `冻结的 ${points} 积分${returned}` }
}

/** At checkout, how the balance stands after the order: "剩余 1,200 积分", or "还差 295 积分" when short. */
export function pointsAfterText(available: number, cost: number): { short: boolean; text: string } {
  const left = available - cost
  return left >= 0
    ? { short: false, text: `${groupThousands(left)} 积分` }
    : { short: true, text: `还差 ${groupThousands(-left)} 积分` }
}

/**
 * The times under a redemption's facts, after 下单时间: 支付时间 when cash was paid, and 完成时间 only once the
 * order is finished (a coupon issued, a pickup collected; a parcel's 发货时间 is in its shipping section). A
 * closed order (cancelled, expired, refunded) shows 关闭时间 instead.
 */
export function redemptionTimeRows(
  r: Pick<RedemptionView, 'status' | 'fulfilment' | 'cashFen' | 'paidAt' | 'pickedUpAt' | 'closedAt'>,
): Array<{ label: string; at: string }> {
  const rows: Array<{ label: string; at: string }> = []
  if (r.cashFen > 0 && r.paidAt) rows.push({ label: '支付时间', at: r.paidAt })
  if (r.status === 'completed') {
    const finishedAt = r.fulfilment === 'coupon' ? r.paidAt : r.fulfilment === 'pickup' ? r.pickedUpAt : null
    if (finishedAt) rows.push({ label: '完成时间', at: finishedAt })
  } else if (r.status !== 'pending_payment' && r.closedAt) {
    rows.push({ label: '关闭时间', at: r.closedAt })
  }
  return rows
}

/** The form a delivery item needs, as typed. */
export interface DeliveryForm {
  name: string
  phone: string
  address: string
}

export type DeliveryCheck =
  | { ok: true; address: DeliveryAddress }
  | { ok: false; problems: Partial<Record<keyof DeliveryForm, string>> }

/** Checks the form with shared's `DeliveryAddress`; problems carry the Chinese half of its messages, per field. */
export function checkDelivery(form: DeliveryForm): DeliveryCheck {
  const parsed = DeliveryAddress.safeParse(form)
  if (parsed.success) return { ok: true, address: parsed.data }
  const problems: Partial<Record<keyof DeliveryForm, string>> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof DeliveryForm
    if (problems[field] !== undefined) continue
    problems[field] = issue.code === 'too_big' ? tooLong[field] : (chineseHalf(issue.message) ?? missing[field])
  }
  return { ok: false, problems }
}

const missing: Record<keyof DeliveryForm, string> = {
  name: '请填写收货人',
  phone: '请输入正确的 11 位手机号',
  address: '请填写详细地址',
}
const tooLong: Record<keyof DeliveryForm, string> = {
  name: '收货人最多 20 个字',
  phone: '请输入正确的 11 位手机号',
  address: '详细地址最多 120 个字',
}

/** Shared's messages read "中文 / English"; the shopper sees the Chinese half, or null when there is none. */
function chineseHalf(message: string): string | null {
  const half = message.split(' / ')[0].trim()
  return /[\u4e00-\u9fff]/.test(half) ? half : null
}

/** An image path as the app loads it: site paths ("/…") are on the BFF's origin, https addresses stay. */
export function imageSrc(src: string, apiBase: string): string {
  return src.startsWith('/') ? `${apiBase}${src}` : src
}
