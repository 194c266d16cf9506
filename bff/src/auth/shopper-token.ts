import { AppError } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { preparedQuery } from '../db/prepared-query'
import { tokenHash } from './bearer-tokens'
import { type VisitorSession, endVisitorSession, visitorByTokenHash } from './visitor-sessions'
import { revokeSession } from './member-sessions'

/** A shopper's bearer token names a member, or a visitor who logged in and has not joined yet. */
export type Shopper = { kind: 'member'; memberId: string } | { kind: 'visitor'; visitor: VisitorSession }

// Nearly every member request asks this first: compiled once, a cached prepared statement on either engine.
const sessionByHash = preparedQuery<{ hash: string }>()((db, p) =>
  db.selectFrom('sessions').select(['member_id', 'expires_at', 'revoked_at']).where('token_hash', '=', p.hash),
)

/**
 * Unknown, altered and logged-out tokens look the same to the caller; only expiry is told apart. Member sessions
 * are looked up first: they are nearly every request.
 */
export async function shopperForToken(db: Kysely<Database>, token: string, now: Date): Promise<Shopper> {
  const hash = tokenHash(token)
  const session = await sessionByHash.takeFirst(db, { hash })
  if (session) return { kind: 'member', memberId: openSessionMember(session, now) }
  const visitor = await visitorByTokenHash(db, hash)
  if (!visitor) throw new AppError('UNAUTHENTICATED')
  if (visitor.expires_at <= now.toISOString()) throw new AppError('SESSION_EXPIRED')
  return { kind: 'visitor', visitor }
}

/** The member of a session that is still open; a logged-out one reads as unknown, an expired one says so. */
export function openSessionMember(
  session: { member_id: string; expires_at: string; revoked_at: string | null },
  now: Date,
): string {
  if (session.revoked_at !== null) throw new AppError('UNAUTHENTICATED')
  if (session.expires_at <= now.toISOString()) throw new AppError('SESSION_EXPIRED')
  return session.member_id
}

/** The member a token belongs to; a visitor's token is refused as not joined yet. */
export async function memberIdForToken(db: Kysely<Database>, token: string, now: Date): Promise<string> {
  const shopper = await shopperForToken(db, token, now)
  if (shopper.kind === 'visitor') throw new AppError('MEMBER_NOT_JOINED')
  return shopper.memberId
}

/** Logout: ends the session the middleware already found, of whichever kind it is. */
export async function endShopperSession(db: Kysely<Database>, shopper: Shopper, token: string, now: Date) {
  if (shopper.kind === 'member') await revokeSession(db, token, now)
  else await endVisitorSession(db, tokenHash(token))
}
