import { AppError, newId } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database, FailedAttemptsTable } from '../db/schema'

/** Five wrong tries within ten minutes lock that subject until the oldest of them is ten minutes old. */
export const throttleWindowMs = 10 * 60_000
export const maxFailures = 5

type Kind = FailedAttemptsTable['kind']
const throttledCode = {
  staff_login: 'STAFF_LOGIN_THROTTLED',
  member_code: 'MEMBER_CODE_THROTTLED',
  pickup_code: 'PICKUP_THROTTLED',
  operator_login: 'OPERATOR_LOGIN_THROTTLED',
  operator_client: 'OPERATOR_LOGIN_THROTTLED',
} as const

/** Refuses with 429 while the subject has `maxFailures` failures inside the window; says when to try again. */
export async function assertNotThrottled(
  db: Kysely<Database>,
  kind: Kind,
  subject: string,
  now: Date,
  allowed = maxFailures,
): Promise<void> {
  const recent = await db
    .selectFrom('failed_attempts')
    .select('failed_at')
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .where('failed_at', '>', new Date(now.getTime() - throttleWindowMs).toISOString())
    .orderBy('failed_at', 'desc')
    .limit(allowed)
    .execute()
  if (recent.length < allowed) return
  const freeAt = Date.parse(recent[allowed - 1].failed_at) + throttleWindowMs
  throw new AppError(throttledCode[kind], {
    retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
  })
}

/**
 * Written outside any request transaction, so the failure it records survives the rollback of that request.
 * Returns the row's id, for callers that record an attempt before judging it and take it back when it succeeds.
 */
export async function recordFailure(db: Kysely<Database>, kind: Kind, subject: string, now: Date): Promise<string> {
  const id = newId('fat', now.getTime())
  await db.insertInto('failed_attempts').values({ id, kind, subject, failed_at: now.toISOString() }).execute()
  return id
}

export async function clearFailures(db: Kysely<Database>, kind: Kind, subject: string): Promise<void> {
  await db.deleteFrom('failed_attempts').where('kind', '=', kind).where('subject', '=', subject).execute()
}
