import { AppError, type InboxPage, type InboxQuery, type InboxReadAll, type NotificationView } from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, NotificationsTable } from '../db/schema'
import { cursorPage } from '../db/cursor-page'

export const notificationFromRow = (row: Selectable<NotificationsTable>): NotificationView => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  page: row.page,
  readAt: row.read_at,
  createdAt: row.created_at,
})

/**
 * One page of the member's inbox, newest first by keyset on the time-ordered id, with the whole inbox's unread count.
 */
export async function inboxPage(db: Kysely<Database>, memberId: string, query: InboxQuery): Promise<InboxPage> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('member_id', '=', memberId)
    .$if(query.cursor !== undefined, (q) => q.where('id', '<', query.cursor!))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  return {
    notifications: page.map(notificationFromRow),
    unreadCount: Number(unread.n),
    nextCursor,
  }
}

/**
 * Marks one of the member's own notifications read; reading it again keeps the first time. Someone else's id
 * answers exactly like an unknown one, so ids cannot be probed across members.
 */
export async function markRead(
  db: Kysely<Database>,
  memberId: string,
  id: string,
  now: Date,
): Promise<NotificationView> {
  await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .execute()
  const row = await db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND')
  return notificationFromRow(row)
}

/**
 * Marks every unread message of the member read in one statement; messages read before keep their first time, so
 * asking again marks nothing and answers the same.
 */
export async function markAllRead(db: Kysely<Database>, memberId: string, now: Date): Promise<InboxReadAll> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now.toISOString() })
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return { marked: Number(result.numUpdatedRows), unreadCount: 0 }
}
