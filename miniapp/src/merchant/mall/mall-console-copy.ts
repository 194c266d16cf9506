import type { AdminMallItem, AdminRedemptionFilter, FulfilmentKind } from '@mc/shared'
import { fulfilmentTitles } from '../../mall/mall-copy'

// What the merchant console's mall pages say and how they sort what they show, as pure functions.

/** Which items the list shows: on sale or not, one kind, and words in the title. */
export interface ItemFilter {
  sale: 'all' | 'on' | 'off'
  kind: 'all' | FulfilmentKind
  search: string
}

export const allItems: ItemFilter = { sale: 'all', kind: 'all', search: '' }

export const saleFilterLabels: Record<ItemFilter['sale'], string> = { all: '全部', on: '在售', off: '已下架' }

export const kindFilterLabels: Record<ItemFilter['kind'], string> = { all: '全部类型', ...fulfilmentTitles }

/**
 * The items matching the filter. The BFF filters too; this keeps the list right between a change on the page
 * (a toggle, a new item) and the next load.
 */
export function filterItems(items: AdminMallItem[], filter: ItemFilter): AdminMallItem[] {
  const words = filter.search.trim().toLowerCase()
  return items.filter(
    (item) =>
      (filter.sale === 'all' || item.onSale === (filter.sale === 'on')) &&
      (filter.kind === 'all' || item.fulfilment === filter.kind) &&
      (words === '' || item.title.toLowerCase().includes(words)),
  )
}

/** The redemption tabs: every one, a status, or delivery items to ship and shipped. */
export type RedemptionTab = AdminRedemptionFilter | 'all'

export const redemptionTabLabels: Record<RedemptionTab, string> = {
  all: '全部',
  to_ship: '待发货',
  shipped: '已发货',
  completed: '已完成',
  pending_payment: '待支付',
  refunded: '已退款',
  cancelled: '已取消',
  expired: '已过期',
}

export const redemptionTabs = Object.keys(redemptionTabLabels) as RedemptionTab[]

/** Carriers offered when shipping; the merchant may type another. */
export const carriers = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS']

/** "+20" / "-5" for a stock change typed as text with a direction; null when it is not a whole number above 0. */
export function stockDelta(text: string, direction: 'add' | 'remove'): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,7}$/.test(trimmed) || Number(trimmed) === 0) return null
  return direction === 'add' ? Number(trimmed) : -Number(trimmed)
}
