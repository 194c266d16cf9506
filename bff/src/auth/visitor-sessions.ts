import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, VisitorSessionsTable } from '../db/schema'
import { newBearerToken } from './bearer-tokens'
import { endOldestSessions, maxSessionsPerMember } from './member-sessions'

/** Who a visitor is: a phone from the local login, or what WeChat told us about a login code. */
export type VisitorIdentity =
  | { kind: 'phone'; phone: string }
  | { kind: 'wechat'; openid: string; unionid: string | null; sessionKey: string }

export type VisitorSession = Selectable<VisitorSessionsTable>

/** The column naming whose session it is: the phone of a local login, else the openid. */
export const visitorIdentityColumn = (visitor: Pick<VisitorSession, 'phone' | 'openid'>) =>
  visitor.phone !== null
    ? ({ column: 'phone', value: visitor.phone } as const)
    : ({ column: 'openid', value: visitor.openid ?? '' } as const)

/**
 * A session for a shopper who has not joined: the token names the identity, not a member, so logging in writes
 * no member row. Capped per identity as member sessions are per member, so repeated logins do not pile up tokens.
 */
export async function issueVisitorSession(
  db: Kysely<Database>,
  identity: VisitorIdentity,
  now: Date,
  ttlHours: number,
) {
  const { token, tokenHash } = newBearerToken('mcs_')
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString()
  const row = {
    token_hash: tokenHash,
    phone: identity.kind === 'phone' ? identity.phone : null,
    openid: identity.kind === 'wechat' ? identity.openid : null,
    unionid: identity.kind === 'wechat' ? identity.unionid : null,
    session_key: identity.kind === 'wechat' ? identity.sessionKey : null,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  }
  await db.insertInto('visitor_sessions').values(row).execute()
  const { column, value } = visitorIdentityColumn(row)
  const surplus = await db
    .selectFrom('visitor_sessions')
    .select('token_hash')
    .where(column, '=', value)
    .orderBy('created_at', 'desc')
    .orderBy('expires_at', 'desc')
    .offset(maxSessionsPerMember)
    .limit(1000)
    .execute()
  if (surplus.length > 0) {
    const hashes = surplus.map((s) => s.token_hash)
    await db.deleteFrom('visitor_sessions').where('token_hash', 'in', hashes).execute()
  }
  return { token, expiresAt }
}

export function visitorByTokenHash(db: Kysely<Database>, hash: string): Promise<VisitorSession | undefined> {
  return db.selectFrom('visitor_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst()
}

/**
 * Turns the visitor's sessions (every device the identity logged in on, not only the one joining) into sessions of
 * the member they just became, each with its own hash and expiry, so the apps keep the tokens they have. Runs in the
 * join's transaction: a refused join leaves the visitor sessions as they were. A racing join that moved them first
 * leaves nothing here to move.
 */
export async function promoteVisitorSessions(
  trx: Transaction<Database>,
  visitor: VisitorSession,
  memberId: string,
  now: Date,
): Promise<void> {
  const { column, value } = visitorIdentityColumn(visitor)
  const moved = await trx
    .deleteFrom('visitor_sessions')
    .where(column, '=', value)
    .returning(['token_hash', 'created_at', 'expires_at'])
    .execute()
  if (moved.length === 0) return
  await trx
    .insertInto('sessions')
    .values(moved.map((s) => ({ ...s, member_id: memberId, revoked_at: null })))
    .execute()
  await endOldestSessions(trx, memberId, now)
}

export async function endVisitorSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('visitor_sessions').where('token_hash', '=', hash).execute()
}

/** Drops visitor sessions that expired before `before`; the daily job calls it. */
export async function pruneVisitorSessions(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('visitor_sessions')
    .where('expires_at', '<', before.toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
