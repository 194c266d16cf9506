import { AppError, roleCan, type OperatorRole, type Permission } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { keyPermissions } from './api-keys'
import { tokenHash } from './bearer-tokens'

/** An operator's session lasts one working day; a password change or logout ends it sooner. */
export const operatorSessionHours = 12

/**
 * Who is calling an admin route: an operator (a person with a role) or an API key (a script with the permissions
 * it was issued). `actor` is what the audit log records for either.
 */
export interface Principal {
  kind: 'operator' | 'api_key'
  id: string
  actor: string
  name: string
  role: OperatorRole | null
  /** A store manager's store: staff and outlet answers are narrowed to it. */
  outletId: string | null
  mustChangePassword: boolean
  can(permission: Permission): boolean
}

/**
 * The principal behind a bearer token, looked up by the token's hash in operator sessions, then in API keys.
 * Null when the token is neither, so the caller can still tell a member's or a staff token (403) from nothing (401).
 */
export async function principalForToken(db: Kysely<Database>, token: string, now: Date): Promise<Principal | null> {
  const hash = tokenHash(token)
  const session = await db
    .selectFrom('operator_sessions')
    .innerJoin('operators', 'operators.id', 'operator_sessions.operator_id')
    .select([
      'operators.id',
      'operators.name',
      'operators.role',
      'operators.outlet_id',
      'operators.must_change_password',
      'operators.disabled_at',
      'operator_sessions.expires_at',
      'operator_sessions.revoked_at',
    ])
    .where('operator_sessions.token_hash', '=', hash)
    .executeTakeFirst()
  if (session) {
    if (session.revoked_at !== null || session.disabled_at !== null) throw new AppError('UNAUTHENTICATED')
    if (session.expires_at <= now.toISOString()) throw new AppError('SESSION_EXPIRED')
    const role = session.role
    return {
      kind: 'operator',
      id: session.id,
      actor: `operator:${session.id}`,
      name: session.name,
      role,
      outletId: session.outlet_id,
      mustChangePassword: session.must_change_password === 1,
      can: (permission) => roleCan(role, permission),
    }
  }
  const key = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'permissions', 'revoked_at', 'last_used_at'])
    .where('key_hash', '=', hash)
    .executeTakeFirst()
  if (!key) return null
  if (key.revoked_at !== null) throw new AppError('UNAUTHENTICATED')
  await touchApiKey(db, key.id, key.last_used_at, now)
  const granted = keyPermissions(key.permissions)
  return {
    kind: 'api_key',
    id: key.id,
    actor: `api_key:${key.id}`,
    name: key.name,
    role: null,
    outletId: null,
    mustChangePassword: false,
    can: (permission) => granted.includes(permission),
  }
}

/** "Last used" is shown to the minute; writing it at most once a minute keeps a busy script from a write per call. */
async function touchApiKey(db: Kysely<Database>, id: string, lastUsedAt: string | null, now: Date) {
  if (lastUsedAt !== null && now.getTime() - Date.parse(lastUsedAt) < 60_000) return
  await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute()
}
