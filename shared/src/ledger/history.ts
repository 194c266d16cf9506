import { z } from 'zod'
import type { EntryKind } from './entry-kinds'

/** Query of a history page: newest first, `cursor` is the last id of the previous page. */
export const HistoryQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^[a-z]{3}_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type HistoryQuery = z.infer<typeof HistoryQuery>

/** One ledger entry as the member sees it. */
export interface HistoryEntry {
  id: string
  amount: number
  kind: EntryKind
  kindLabel: string
  /** The Chinese sentence that explains the entry. */
  reason: string
  balanceAfter: number
  occurredAt: string
  businessDay: string
}

export interface HistoryPage {
  entries: HistoryEntry[]
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

/** Points that will lapse, grouped by the instant they lapse, soonest first. */
export interface ExpiringPoints {
  total: number
  lots: { points: number; expiresAt: string }[]
}
