import { AppError } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { newBearerToken, tokenHash } from './bearer-tokens'
import { credentialKind } from './credential-kind'

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
 * The staff a token belongs to. Another role's credential (a shopper's session, an operator's or an API key) is 403
 * FORBIDDEN, so the caller can tell "not allowed here" from "not logged in"; anything else unknown is 401.
 */
export async function staffForToken(db: Kysely<Database>, token: string, now: Date): Promise<StaffIdentity> {
  const hash = tokenHash(token)
  const session = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select([
      'staff.id',
      'staff.name',
      'staff.outlet_id',
      'staff.disabled_at',
      'staff_sessions.expires_at',
      'staff_sessions.revoked_at',
    ])
    .where('staff_sessions.token_hash', '=', hash)
    .executeTakeFirst()
  if (!session) {
    throw new AppError((await credentialKind(db, token)) ? 'FORBIDDEN' : 'UNAUTHENTICATED')
  }
  // Disabling ends the sessions too; checking the account as well keeps a token minted in the same instant out.
  if (session.revoked_at !== null || session.disabled_at !== null) throw new AppError('UNAUTHENTICATED')
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

/** Ends every open session of one staff account (disabled, or given a new PIN); answers how many ended. */
export async function revokeStaffSessions(
  db: Kysely<Database> | Transaction<Database>,
  staffId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
