import { newId, type NotificationKind } from '@mc/shared'
import type { Insertable, Kysely, Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import type { Database, NotificationsTable } from '../db/schema'

/** A notification to write: `dedupeKey` names its rule, member and period, e.g. `upgrade:<member>:<tier>:<day>`. */
export interface NotificationInput {
  memberId: string
  kind: NotificationKind
  title: string
  body: string
  dedupeKey: string
  /** The app page that acts on it; the inbox links there. */
  page?: string | null
  now: Date
}

/**
 * Puts a notification in the member's inbox, once per dedupe key: a repeat of the same cause writes nothing and
 * returns false. Runs in the caller's transaction, so the message exists exactly when its cause committed.
 */
export async function notify(
  trx: Transaction<Database> | Kysely<Database>,
  input: NotificationInput,
): Promise<boolean> {
  const result = await trx
    .insertInto('notifications')
    .values(notificationRow(input))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

/**
 * `notify` for many notifications in one bulk insert: each dedupe key already present (or
 * repeated within `inputs`, the first one kept) writes nothing, as a repeat of `notify` would.
 */
export async function notifyMany(
  trx: Transaction<Database> | Kysely<Database>,
  inputs: readonly NotificationInput[],
): Promise<void> {
  await bulkInsert(trx, 'notifications', inputs.map(notificationRow), { onConflictDoNothing: 'dedupe_key' })
}

const notificationRow = (input: NotificationInput): Insertable<NotificationsTable> => ({
  id: newId('ntf', input.now.getTime()),
  member_id: input.memberId,
  kind: input.kind,
  title: input.title,
  body: input.body,
  dedupe_key: input.dedupeKey,
  page: input.page ?? null,
  read_at: null,
  created_at: input.now.toISOString(),
})
