import { groupThousands } from '../format'

/** The balance as the card shows it, e.g. 1,280; a clawback debt shows as a negative balance. */
export function pointsBalanceText(balance: number): string {
  return groupThousands(balance)
}

/** Points lapsing in the next 30 days (`PointsSummary.expiringSoon`). */
export function expiringSoonText(expiringSoon: number): string | null {
  return expiringSoon > 0 ? `30 天内将过期 ${groupThousands(expiringSoon)} 积分` : null
}

/** Why spending is blocked: a refund clawed back points that had already been spent. */
export function debtWarning(debt: number): string | null {
  return debt > 0 ? `因退款扣回积分，当前欠 ${groupThousands(debt)} 积分，欠分还清前暂不能使用积分` : null
}

/** Points reserved by redemptions still in progress, shown beside the balance only when there are some. */
export function heldText(held: number, available: number): string | null {
  return held > 0 ? `可用 ${groupThousands(available)} · 冻结 ${groupThousands(held)}` : null
}
