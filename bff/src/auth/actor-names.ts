import type { AuditLogEntry } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

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

/**
 * Who the actors of one page of rows are, as people read them: the operator's, API key's or staff member's name
 * (three lookups at most), 系统 or 会员; for each actor its kind and that name.
 */
export async function actorDescriber(db: Kysely<Database>, actors: string[]) {
  const names = await actorNames(db, actors)
  return (actor: string): { actorKind: ActorKind; actorName: string } => {
    const { kind } = splitActor(actor)
    const name = names.get(actor) ?? bareNames[kind] ?? (actor === 'admin' ? '管理员（旧令牌）' : actor)
    return { actorKind: kind, actorName: name }
  }
}
