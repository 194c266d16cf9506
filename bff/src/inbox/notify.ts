import { newId, type NotificationKind } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

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
    .values({
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
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}
