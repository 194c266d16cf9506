import { addDays, businessDayStart, type AuditLogEntry, type AuditLogPage, type AuditLogQuery } from '@mc/shared'
import type { Kysely } from 'kysely'
import { actorDescriber } from '../auth/actor-names'
import { cursorPage } from '../db/cursor-page'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'

/**
 * The audit log, newest first, by actor, action and business days (both included), on the indexes
 * `audit_log_created`, `audit_log_actor` and `audit_log_action` (each ends in `created_at`). The cursor is the last
 * id shown; the next page starts after that row's (created_at, id).
 */
export async function auditLogPage(db: Kysely<Database>, query: AuditLogQuery): Promise<AuditLogPage> {
  const { rules } = await publishedProgram(db)
  const from = query.from && businessDayStart(query.from, rules.calendar).toISOString()
  const to = query.to && businessDayStart(addDays(query.to, 1), rules.calendar).toISOString()
  const after = query.cursor
    ? await db.selectFrom('audit_log').select(['id', 'created_at']).where('id', '=', query.cursor).executeTakeFirst()
    : undefined
  let select = db.selectFrom('audit_log').selectAll()
  if (query.actor !== undefined) select = select.where('actor', '=', query.actor)
  if (query.action !== undefined) select = select.where('action', '=', query.action)
  if (from !== undefined) select = select.where('created_at', '>=', from)
  if (to !== undefined) select = select.where('created_at', '<', to)
  if (after !== undefined) {
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', after.created_at),
        eb.and([eb('created_at', '=', after.created_at), eb('id', '<', after.id)]),
      ]),
    )
  }
  // An unknown cursor is a page past the end rather than the first page again.
  if (query.cursor !== undefined && after === undefined) select = select.where('id', '<', '')
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  const describeActor = await actorDescriber(
    db,
    page.map((row) => row.actor),
  )
  return {
    entries: page.map(
      (row): AuditLogEntry => ({
        id: row.id,
        actor: row.actor,
        ...describeActor(row.actor),
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        detail: parseDetail(row.detail),
        createdAt: row.created_at,
      }),
    ),
    nextCursor,
  }
}

/** Details are JSON written by `audit()`; a line that is not (none should be) is shown as its text. */
function parseDetail(detail: string): unknown {
  try {
    return JSON.parse(detail)
  } catch {
    return detail
  }
}
