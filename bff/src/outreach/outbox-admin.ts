import { AppError, type MessageCategory, type OutboxMessageView, type OutboxPage, type OutboxQuery } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import { cursorPage } from '../db/cursor-page'
import type { Database } from '../db/schema'

function outboxView(db: Kysely<Database>) {
  return db
    .selectFrom('outbox as o')
    .innerJoin('engagement_sends as s', 's.id', 'o.send_id')
    .select([
      'o.id',
      'o.member_id',
      'o.channel',
      'o.category',
      'o.title',
      'o.state',
      'o.attempts',
      'o.last_error',
      'o.next_attempt_at',
      'o.created_at',
      'o.sent_at',
      's.source_type',
      's.source_id',
    ])
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof outboxView>['executeTakeFirstOrThrow']>>

const outboxMessageFromRow = (row: ViewRow): OutboxMessageView => ({
  id: row.id,
  memberId: row.member_id,
  channel: row.channel,
  category: row.category as MessageCategory,
  title: row.title,
  state: row.state,
  attempts: Number(row.attempts),
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  sourceType: row.source_type,
  sourceId: row.source_id,
})

/** Outbox messages in one state (failed by default), newest first by keyset on the time-ordered id. */
export async function listOutbox(db: Kysely<Database>, query: OutboxQuery): Promise<OutboxPage> {
  const { channel, cursor } = query
  const rows = await outboxView(db)
    .where('o.state', '=', query.state)
    .$if(channel !== undefined, (q) => q.where('o.channel', '=', channel as NonNullable<typeof channel>))
    .$if(cursor !== undefined, (q) => q.where('o.id', '<', cursor as string))
    .orderBy('o.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  return { messages: page.map(outboxMessageFromRow), nextCursor }
}

/**
 * Puts a failed message back in the queue for the next drain, with its tries counted afresh. Only a failed row
 * moves (one conditional update), so a retry can never resend a message that was sent or is being sent.
 */
export async function retryOutboxMessage(
  db: Kysely<Database>,
  id: string,
  actor: string,
  now: Date,
): Promise<OutboxMessageView> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('outbox')
      .set({ state: 'pending', attempts: 0, next_attempt_at: now.toISOString(), last_error: null })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom('outbox').select('state').where('id', '=', id).executeTakeFirst()
      throw new AppError(
        exists ? 'OUTBOX_NOT_FAILED' : 'OUTBOX_MESSAGE_NOT_FOUND',
        exists ? { state: exists.state } : undefined,
      )
    }
    await audit(trx, { actor, action: 'outbox.retry', targetType: 'outbox', targetId: id, detail: {}, now })
    return outboxMessageFromRow(await outboxView(trx).where('o.id', '=', id).executeTakeFirstOrThrow())
  })
}
