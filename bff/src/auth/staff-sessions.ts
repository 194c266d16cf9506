import { AppError } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { newBearerToken, sameSecret, tokenHash } from './bearer-tokens'

/** One shift: staff sign in again each working day. */
export const staffSessionHours = 12

/** Who is behind a staff token, and the outlet every purchase they record is booked to. */
export interface StaffIdentity {
  id: string
  name: string
  outletId: string
}

/** Opaque bearer token, `mcst_` and 256 random bits; only its hash is stored. */
export async function issueStaffSession(db: Kysely<Database>, staffId: string, now: Date) {
  const { token, tokenHash: hash } = newBearerToken('mcst_')
  const expiresAt = new Date(now.getTime() + staffSessionHours * 3_600_000).toISOString()
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: hash,
      staff_id: staffId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute()
  return { token, expiresAt }
}

/**
 * The staff a token belongs to. Another role's credential (a shopper's session, the admin token) is 403
 * FORBIDDEN, so the caller can tell "not allowed here" from "not logged in"; anything else unknown is 401.
 */
export async function staffForToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
  adminToken: string | null,
): Promise<StaffIdentity> {
  const hash = tokenHash(token)
  const session = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff.id', 'staff.name', 'staff.outlet_id', 'staff_sessions.expires_at', 'staff_sessions.revoked_at'])
    .where('staff_sessions.token_hash', '=', hash)
    .executeTakeFirst()
  if (!session) {
    const memberSession = await db
      .selectFrom('sessions')
      .select('member_id')
      .where('token_hash', '=', hash)
      .executeTakeFirst()
    const isAdmin = adminToken !== null && sameSecret(token, adminToken)
    throw new AppError(memberSession || isAdmin ? 'FORBIDDEN' : 'UNAUTHENTICATED')
  }
  if (session.revoked_at !== null) throw new AppError('UNAUTHENTICATED')
  if (session.expires_at <= now.toISOString()) throw new AppError('SESSION_EXPIRED')
  return { id: session.id, name: session.name, outletId: session.outlet_id }
}

export async function revokeStaffSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .execute()
}
