import { z } from 'zod'
import { pageLimit } from '../api/page-query'
import { entryKinds, type EntryKind } from './entry-kinds'

/** Query of a history page: newest first, `cursor` is the last id of the previous page. */
export const HistoryQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^[a-z]{3}_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: pageLimit(50, 20),
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

/**
 * What the member recognises an entry by, instead of ids in its reason: the order's channel and store (with what was
 * paid, or refunded for a refund entry), or the mall item redeemed. Null for entries with no such thing.
 */
export const EntrySource = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('order'),
      channel: z.enum(['online', 'outlet']),
      /** The store's name for a till purchase; null online (or a store since removed). */
      outletName: z.string().nullable(),
      paidFen: z.number().int(),
      /** Set on a refund's entry: the amount of that refund. */
      refundFen: z.number().int().nullable(),
    }),
    z.strictObject({ type: z.literal('redemption'), itemTitle: z.string(), quantity: z.number().int() }),
  ])
  .meta({ id: 'EntrySource' })
export type EntrySource = z.infer<typeof EntrySource>

/** One ledger entry in the member's own history: also where it came from, in the member's terms. */
export const MemberHistoryEntry = HistoryEntry.extend({ source: EntrySource.nullable() }).meta({
  id: 'MemberHistoryEntry',
})
export type MemberHistoryEntry = z.infer<typeof MemberHistoryEntry>

export const HistoryPage = z
  .strictObject({
    entries: z.array(MemberHistoryEntry),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'HistoryPage' })
export type HistoryPage = z.infer<typeof HistoryPage>

/** Who posted an entry: the member, a till, the system (orders, jobs) or the merchant's console and scripts. */
export const ledgerActors = ['member', 'staff', 'system', 'admin'] as const

/** One ledger entry as the merchant console sees it: also the rule version in force and who posted it. */
export const AdminHistoryEntry = HistoryEntry.extend({
  ruleVersion: z.number().int(),
  actor: z.enum(ledgerActors),
  /** The operator or API key (`operator:…`, `api_key:…`), staff or member id; null for the system. */
  actorId: z.string().nullable(),
  /** Set on a reversal: the entry it undoes. */
  reversesEntryId: z.string().nullable(),
}).meta({ id: 'AdminHistoryEntry' })
export type AdminHistoryEntry = z.infer<typeof AdminHistoryEntry>

export const AdminHistoryPage = z
  .strictObject({ entries: z.array(AdminHistoryEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AdminHistoryPage' })
export type AdminHistoryPage = z.infer<typeof AdminHistoryPage>

/** One points lot that will lapse: what is left of it, when, and whether it can be extended by points. */
export const ExpiringLot = z.strictObject({
  lotId: z.string(),
  points: z.number().int(),
  expiresAt: z.string(),
  /** The offer to extend this lot (its cost and the expiry it would get); null when it cannot be extended. */
  extension: z.strictObject({ costPoints: z.number().int(), expiresAtAfter: z.string() }).nullable(),
  /** The expiry the lot had before it was extended; null for a lot never extended. */
  extendedFrom: z.string().nullable(),
})
export type ExpiringLot = z.infer<typeof ExpiringLot>

/** Points that will lapse, lot by lot, soonest first. */
export const ExpiringPoints = z.strictObject({
  total: z.number().int(),
  lots: z.array(ExpiringLot),
})
export type ExpiringPoints = z.infer<typeof ExpiringPoints>
