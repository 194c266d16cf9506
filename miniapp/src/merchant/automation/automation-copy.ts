import { campaignMessagesPerMinute, type CampaignStatus, type CampaignView, type OutboxState } from '@mc/shared'
import { groupThousands } from '../../format'

/** A campaign's status as a badge: its words and colour. */
export const campaignStatusBadges: Record<CampaignStatus, { label: string; tone: string }> = {
  scheduled: { label: '待发送', tone: 'blue' },
  sending: { label: '发送中', tone: 'orange' },
  done: { label: '已完成', tone: 'green' },
  cancelled: { label: '已取消', tone: '' },
}

export const outboxStateLabels: Record<OutboxState, string> = {
  pending: '排队中',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  skipped: '已跳过',
}

/** Whole numbers for the engagement pages: 1,280; null as an em dash. */
export function countText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : groupThousands(value)
}

/** A percentage of members: 10 → "10%". */
export const percentText = (value: number) => `${value}%`

/** A coupon in words: 满200减50 (无门槛减20 when there is no threshold), and its days of validity. */
export function couponText(coupon: { thresholdFen: number; discountFen: number; validDays: number }): string {
  // Yuan without a sign or trailing zeros, as coupons are named: 5000 → 50, 3050 → 30.5.
  const money = (fen: number) => String(fen / 100)
  const rule =
    coupon.thresholdFen === 0
      ? `无门槛减${money(coupon.discountFen)}`
      : `满${money(coupon.thresholdFen)}减${money(coupon.discountFen)}`
  return `${rule} · ${coupon.validDays} 天有效`
}

/** Business days of the year's months, for the birthday month chips. */
export const monthLabels = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, label: `${i + 1}月` }))

/**
 * What a campaign's delivery card says under its bar: that the members are still being chosen while the plan grows,
 * the minutes left while messages wait (the drain delivers 60,000 a minute, campaigns ahead first), or that every
 * message has landed.
 */
export function deliveryNote(messages: CampaignView['messages'], targeted: number): string {
  if (messages.minutesLeft === null) return `正在圈选会员（已覆盖 ${countText(targeted)} 人），圈选完成后估算剩余时间`
  if (messages.minutesLeft === 0) return '全部送达'
  return `预计 ${messages.minutesLeft} 分钟内全部送达（每分钟送达 ${countText(campaignMessagesPerMinute)} 条，先发送的活动先送达）`
}
