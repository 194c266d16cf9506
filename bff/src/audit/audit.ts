import { newId } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

/** Appends one line to the audit log: who did what to which thing, and the details of what changed. */
export async function audit(
  db: Kysely<Database> | Transaction<Database>,
  entry: {
    actor: string
    action: string
    targetType: string
    targetId: string
    detail: unknown
    now: Date
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId('aud', entry.now.getTime()),
      actor: entry.actor,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      detail: JSON.stringify(entry.detail),
      created_at: entry.now.toISOString(),
    })
    .execute()
}
