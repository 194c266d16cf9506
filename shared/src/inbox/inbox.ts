import { z } from 'zod'
import { pageLimit } from '../api/page-query'
import type { ProgramRules } from '../program/program-rules'
import { benefitNamesGained } from '../automation/journey-values'
import { tierByKey } from '../tiers/tier-evaluation'

/** What a notification is about; automation adds kinds, the inbox shows them all the same way. */
export type NotificationKind = 'tier_upgrade' | (string & {})

/** One message in the member's inbox. */
export interface NotificationView {
  id: string
  kind: NotificationKind
  title: string
  body: string
  /** The app page that acts on it (e.g. the expiring-points page); null when there is nothing to do. */
  page: string | null
  /** When the member opened it; null while unread. */
  readAt: string | null
  createdAt: string
}

/** GET /api/me/inbox: newest first, with the member's unread count over the whole inbox. */
export interface InboxPage {
  notifications: NotificationView[]
  unreadCount: number
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

/** POST /api/me/inbox/{id}/read: the notification as it is now. */
export interface NotificationRead {
  notification: NotificationView
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

// Schemas of the answers above. `NotificationKind` keeps its named kind for editors, which a derived type would
// lose (it would be plain string), so the interfaces stay and each schema is checked to be exactly its interface.
export const NotificationViewSchema = z
  .strictObject({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    page: z.string().nullable(),
    /** When the member opened it; null while unread. */
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'NotificationView' })
void (true satisfies Same<z.infer<typeof NotificationViewSchema>, NotificationView>)

export const InboxPageSchema = z.strictObject({
  notifications: z.array(NotificationViewSchema),
  unreadCount: z.number().int(),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
})
void (true satisfies Same<z.infer<typeof InboxPageSchema>, InboxPage>)

export const NotificationReadSchema = z.strictObject({ notification: NotificationViewSchema })
void (true satisfies Same<z.infer<typeof NotificationReadSchema>, NotificationRead>)

/** POST /api/me/inbox/read-all: how many messages this call marked read (0 when all were read already). */
export const InboxReadAllSchema = z
  .strictObject({ marked: z.number().int(), unreadCount: z.literal(0) })
  .meta({ id: 'InboxReadAll' })
export type InboxReadAll = z.infer<typeof InboxReadAllSchema>

export const InboxQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^ntf_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
    .optional(),
  limit: pageLimit(50, 20),
})
export type InboxQuery = z.infer<typeof InboxQuery>

export const NotificationIdParam = z.strictObject({ id: z.string().min(1).max(64) })

/**
 * The congratulation an upgrade writes: the new tier's name and the benefits it adds over the tier left behind,
 * by their names in the merchant's library, e.g. 恭喜升级为白银会员 / 新解锁：每月领券、会员价.
 */
export function upgradeCongratulation(
  rules: ProgramRules,
  fromKey: string | null,
  toKey: string,
  validUntil: string | null,
) {
  const to = tierByKey(rules, toKey)
  const added = benefitNamesGained(rules, fromKey, toKey)
  const lines = [added.length > 0 ? `新解锁：${added.join('、')}` : `${to.name}权益已生效`]
  if (validUntil) lines.push(`等级有效期至 ${validUntil}`)
  return { title: `恭喜升级为${to.name}`, body: lines.join('\n') }
}
