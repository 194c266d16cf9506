import { addDays, businessDayStart, type AuditLogEntry, type AuditLogPage, type AuditLogQuery } from '@mc/shared'
import type { Kysely } from 'kysely'
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
  const names = await actorNames(
    db,
    page.map((row) => row.actor),
  )
  return {
    entries: page.map(
      (row): AuditLogEntry => ({
        id: row.id,
        actor: row.actor,
        ...describeActor(row.actor, names),
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

type ActorKind = AuditLogEntry['actorKind']
const prefixed: Record<string, ActorKind> = { operator: 'operator', api_key: 'api_key', staff: 'staff' }

/** `operator:<id>`, `api_key:<id>`, `staff:<id>`, or a bare word (`system`, `member`, the old `admin`). */
function splitActor(actor: string): { kind: ActorKind; id: string | null } {
  const colon = actor.indexOf(':')
  if (colon > 0 && prefixed[actor.slice(0, colon)])
    return { kind: prefixed[actor.slice(0, colon)], id: actor.slice(colon + 1) }
  if (actor === 'system') return { kind: 'system', id: null }
  if (actor === 'member' || actor.startsWith('member:')) return { kind: 'member', id: null }
  return { kind: 'other', id: null }
}

/** The names behind the actors of one page, three lookups at most. */
async function actorNames(db: Kysely<Database>, actors: string[]): Promise<Map<string, string>> {
  const ids = { operator: new Set<string>(), api_key: new Set<string>(), staff: new Set<string>() }
  for (const actor of actors) {
    const { kind, id } = splitActor(actor)
    if (id !== null && (kind === 'operator' || kind === 'api_key' || kind === 'staff')) ids[kind].add(id)
  }
  const names = new Map<string, string>()
  const [operators, keys, staff] = await Promise.all([
    ids.operator.size
      ? db
          .selectFrom('operators')
          .select(['id', 'name'])
          .where('id', 'in', [...ids.operator])
          .execute()
      : [],
    ids.api_key.size
      ? db
          .selectFrom('api_keys')
          .select(['id', 'name'])
          .where('id', 'in', [...ids.api_key])
          .execute()
      : [],
    ids.staff.size
      ? db
          .selectFrom('staff')
          .select(['id', 'name'])
          .where('id', 'in', [...ids.staff])
          .execute()
      : [],
  ])
  for (const row of operators) names.set(`operator:${row.id}`, row.name)
  for (const row of keys) names.set(`api_key:${row.id}`, row.name)
  for (const row of staff) names.set(`staff:${row.id}`, row.name)
  return names
}

const bareNames: Partial<Record<ActorKind, string>> = { system: '系统', member: '会员' }

function describeActor(actor: string, names: Map<string, string>): { actorKind: ActorKind; actorName: string } {
  const { kind } = splitActor(actor)
  const name = names.get(actor) ?? bareNames[kind] ?? (actor === 'admin' ? '管理员（旧令牌）' : actor)
  return { actorKind: kind, actorName: name }
}

/** Details are JSON written by `audit()`; a line that is not (none should be) is shown as its text. */
function parseDetail(detail: string): unknown {
  try {
    return JSON.parse(detail)
  } catch {
    return detail
  }
}
