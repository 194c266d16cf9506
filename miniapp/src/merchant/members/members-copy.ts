import type { AdminHistoryEntry, AdminMemberDetail, MemberSearchPage } from '@mc/shared'
import { groupThousands } from '../../format'

/** Which ledger a table or an adjustment is about, as the console names it. */
export type LedgerName = 'points' | 'growth'

export const ledgerLabels: Record<LedgerName, string> = { points: '积分', growth: '成长值' }

/** How the BFF read the search box, said back to the operator above the results. */
export const matchedByLabels: Record<MemberSearchPage['matchedBy'], string> = {
  phone: '按手机号精确匹配',
  card: '按会员卡号精确匹配',
  nickname: '按昵称开头匹配',
  recent: '最近加入的会员',
}

export const tierChangeLabels: Record<AdminMemberDetail['tierChanges'][number]['kind'], string> = {
  join: '入会',
  upgrade: '升级',
  retain: '保级',
  downgrade: '降级',
}

export const actorLabels: Record<AdminHistoryEntry['actor'], string> = {
  member: '会员',
  staff: '店员',
  system: '系统',
  admin: '商家后台',
}

export const sourceChannelLabels: Record<NonNullable<AdminMemberDetail['member']['sourceChannel']>, string> = {
  outlet_qr: '门店扫码',
  shop: '线上商城',
}

export const couponStatusLabels: Record<AdminMemberDetail['coupons'][number]['status'], string> = {
  available: '可使用',
  used: '已使用',
  expired: '已过期',
}

export const signInKindLabels: Record<AdminMemberDetail['signIns'][number]['kind'], string> = {
  daily: '签到',
  make_up: '补签',
}

/** A ledger change with its sign: 300 → "+300", -80 → "-80", with thousands grouped. */
export function signedAmount(amount: number): string {
  return amount > 0 ? `+${groupThousands(amount)}` : groupThousands(amount)
}

/**
 * The shared schemas' messages read "中文 / English" so API callers get both; the console shows only the Chinese.
 */
export function chineseMessage(message: string): string {
  const cut = message.indexOf(' / ')
  return cut > 0 ? message.slice(0, cut) : message
}

/** Every message of a field-error map, Chinese only. */
export function chineseErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, chineseMessage(message)]))
}

/** The Idempotency-Key of one intended console change: kept while the same change is retried, new for another. */
export function newConsoleKey(scope: string, nowMs: number = Date.now(), random: () => number = Math.random): string {
  let tail = ''
  for (let i = 0; i < 16; i += 1) tail += Math.floor(random() * 36).toString(36)
  return `${scope}_${nowMs.toString(36)}_${tail}`
}

/**
 * The key for `body`: the one used for the same body before (a retry after a lost or failed answer), else a new
 * one. The BFF refuses one key with two different bodies, so a changed form is a new change.
 */
export function keyFor(last: { key: string; body: string } | null, scope: string, body: unknown) {
  const print = JSON.stringify(body)
  return last && last.body === print ? last : { key: newConsoleKey(scope), body: print }
}
