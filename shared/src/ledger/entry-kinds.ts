/**
 * What caused a ledger entry. The member sees each entry's own `reason` sentence; these labels name the kind
 * in filters and analytics.
 */
export const entryKindLabels = {
  order: '订单消费',
  sign_in: '每日签到',
  share: '分享',
  review: '评价',
  profile_completed: '完善资料',
  first_order: '首单奖励',
  task: '任务奖励',
  opening: '期初导入',
  join_gift: '新会员礼',
  adjustment: '人工调整',
  refund: '订单退款',
  redeem: '积分兑换',
  expiry: '过期',
  reversal: '冲正',
} as const

export type EntryKind = keyof typeof entryKindLabels
export const entryKinds = Object.keys(entryKindLabels) as EntryKind[]

export type LedgerName = 'growth' | 'points'

/** Yuan with two decimals from fen, for reasons shown to members: 9900 → "99.00". */
export const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
