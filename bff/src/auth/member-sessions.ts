import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { newBearerToken, tokenHash } from './bearer-tokens'

/** Open sessions one member may hold (phones, tablets, the H5 app); a new login past it ends the oldest. */
export const maxSessionsPerMember = 5

/**
 * Opaque bearer token: 256 random bits; only its hash is stored. Past `maxSessionsPerMember` open sessions the
 * oldest are ended, so a script logging in again and again cannot pile up live tokens for one member.
 */
export async function issueSession(db: Kysely<Database>, memberId: string, now: Date, ttlHours: number) {
  const { token, tokenHash: hash } = newBearerToken('mcs_')
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString()
  await db
    .insertInto('sessions')
    .values({
      token_hash: hash,
      member_id: memberId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute()
  await endOldestSessions(db, memberId, now)
  return { token, expiresAt }
}

/** Ends a member's open sessions past `maxSessionsPerMember`, oldest first. */
export async function endOldestSessions(db: Kysely<Database>, memberId: string, now: Date): Promise<void> {
  const surplus = await db
    .selectFrom('sessions')
    .select('token_hash')
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .orderBy('expires_at', 'desc')
    .offset(maxSessionsPerMember)
    .limit(1000)
    .execute()
  if (surplus.length === 0) return
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where(
      'token_hash',
      'in',
      surplus.map((s) => s.token_hash),
    )
    .where('revoked_at', 'is', null)
    .execute()
}

export async function revokeSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .execute()
}
