import { z } from 'zod'
import { entryKinds, type EntryKind } from './entry-kinds'

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
export const HistoryEntry = z
  .strictObject({
    id: z.string(),
    amount: z.number().int(),
    kind: z.enum(entryKinds as [EntryKind, ...EntryKind[]]),
    kindLabel: z.string(),
    /** The Chinese sentence that explains the entry. */
    reason: z.string(),
    balanceAfter: z.number().int(),
    occurredAt: z.string(),
    businessDay: z.string(),
  })
  .meta({ id: 'HistoryEntry' })
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const HistoryPage = z
  .strictObject({
    entries: z.array(HistoryEntry),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'HistoryPage' })
export type HistoryPage = z.infer<typeof HistoryPage>

/** Points that will lapse, grouped by the instant they lapse, soonest first. */
export const ExpiringPoints = z.strictObject({
  total: z.number().int(),
  lots: z.array(z.strictObject({ points: z.number().int(), expiresAt: z.string() })),
})
export type ExpiringPoints = z.infer<typeof ExpiringPoints>
