import { AppError, newId } from '@mc/shared'
import { sql, type Kysely, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database, FailedAttemptsTable } from '../db/schema'

/** Five wrong tries within ten minutes lock that subject until the oldest of them is ten minutes old. */
export const throttleWindowMs = 10 * 60_000
export const maxFailures = 5

type Kind = FailedAttemptsTable['kind']
const throttledCode = {
  staff_login: 'STAFF_LOGIN_THROTTLED',
  staff_phone: 'STAFF_LOGIN_THROTTLED',
  staff_client: 'STAFF_LOGIN_THROTTLED',
  member_code: 'MEMBER_CODE_THROTTLED',
  pickup_code: 'PICKUP_THROTTLED',
  operator_login: 'OPERATOR_LOGIN_THROTTLED',
  operator_client: 'OPERATOR_LOGIN_THROTTLED',
} as const

/** One counted subject: e.g. a staff phone, with how many attempts it may have in the window. */
export interface AttemptSubject {
  kind: Kind
  subject: string
  allowed: number
}

/**
 * Records an attempt *before* it is judged, in the transaction that counts the subject's attempts: the count and
 * the insert hold the subject's lock (PostgreSQL: an advisory lock on kind and subject; SQLite: its one write
 * lock, which an IMMEDIATE transaction takes at BEGIN), so of any number of concurrent guesses at most `allowed`
 * are admitted inside one window and the rest are 429 without being evaluated. Answers the attempt's id; the
 * caller takes it back (`takeBackAttempt`) when the attempt turns out right or not a guess.
 */
export async function admitAttempt(db: Kysely<Database>, who: AttemptSubject, now: Date): Promise<string> {
  const id = newId('fat', now.getTime())
  const windowStart = new Date(now.getTime() - throttleWindowMs).toISOString()
  const oldestCounted = await db.transaction().execute(async (trx) => {
    await lockSubject(trx, who)
    const recent = await recentFailures(trx, who, windowStart)
    if (recent.length >= who.allowed) return recent[who.allowed - 1].failed_at
    await trx
      .insertInto('failed_attempts')
      .values({ id, kind: who.kind, subject: who.subject, failed_at: now.toISOString() })
      .execute()
    return null
  })
  if (oldestCounted === null) return id
  throw throttled(who.kind, oldestCounted, now)
}

/**
 * PostgreSQL: an advisory lock on kind and subject until commit. SQLite's IMMEDIATE transaction already holds its
 * one write lock.
 */
async function lockSubject(trx: Transaction<Database>, who: AttemptSubject): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${who.kind}:${who.subject}`}, 0))`.execute(trx)
  }
}

function recentFailures(trx: Transaction<Database>, who: AttemptSubject, windowStart: string) {
  return trx
    .selectFrom('failed_attempts')
    .select('failed_at')
    .where('kind', '=', who.kind)
    .where('subject', '=', who.subject)
    .where('failed_at', '>', windowStart)
    .orderBy('failed_at', 'desc')
    .limit(who.allowed)
    .execute()
}

/** 429 with the seconds until the oldest counted failure leaves the window. */
function throttled(kind: Kind, oldestCounted: string, now: Date): AppError {
  const freeAt = Date.parse(oldestCounted) + throttleWindowMs
  return new AppError(throttledCode[kind], {
    retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
  })
}

/**
 * Judges one attempt while holding the subject's lock, for checks cheap enough to run inside a transaction (a
 * member code's digits, a pickup code's row): counts the subject's failures (429 at `allowed`), runs `judge`, and
 * records a failure in the same transaction when `judge` answers that the attempt was a wrong guess. Attempts on
 * one subject are judged one at a time, so at most `allowed` wrong ones are ever judged in a window, while right
 * ones, however many at once, never count.
 */
export async function judgeUnderThrottle<T>(
  db: Kysely<Database>,
  who: AttemptSubject,
  now: Date,
  judge: (trx: Transaction<Database>) => Promise<{ wrongGuess: boolean; value: T }>,
): Promise<T> {
  const windowStart = new Date(now.getTime() - throttleWindowMs).toISOString()
  const outcome = await db.transaction().execute(async (trx) => {
    await lockSubject(trx, who)
    const recent = await recentFailures(trx, who, windowStart)
    if (recent.length >= who.allowed) return { throttledBy: recent[who.allowed - 1].failed_at, judged: null }
    const judged = await judge(trx)
    if (judged.wrongGuess) {
      await trx
        .insertInto('failed_attempts')
        .values({ id: newId('fat', now.getTime()), kind: who.kind, subject: who.subject, failed_at: now.toISOString() })
        .execute()
    }
    return { throttledBy: null, judged }
  })
  if (outcome.judged) return outcome.judged.value
  throw throttled(who.kind, outcome.throttledBy!, now)
}

/**
 * Admits one attempt on each subject, in order; if one is throttled, the attempts already admitted are taken back,
 * since this one was never judged.
 */
export async function admitAttempts(db: Kysely<Database>, subjects: AttemptSubject[], now: Date): Promise<string[]> {
  const ids: string[] = []
  try {
    for (const who of subjects) ids.push(await admitAttempt(db, who, now))
    return ids
  } catch (error) {
    await takeBackAttempts(db, ids)
    throw error
  }
}

/** Removes admitted attempts that were right (or were not guesses), so only wrong ones go on counting. */
export async function takeBackAttempts(db: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('failed_attempts').where('id', 'in', ids).execute()
}

export async function clearFailures(db: Kysely<Database>, kind: Kind, subject: string): Promise<void> {
  await db.deleteFrom('failed_attempts').where('kind', '=', kind).where('subject', '=', subject).execute()
}

/** Staff login attempts are counted per phone and client (`phone|client`), per phone, and per client. */
export const staffPairSubject = (phone: string, client: string) => `${phone}|${client}`.slice(0, 64)

/** A new PIN unlocks the phone from every address. */
export async function clearStaffLoginFailures(db: Kysely<Database>, phone: string): Promise<void> {
  await clearFailures(db, 'staff_phone', phone)
  await db
    .deleteFrom('failed_attempts')
    .where('kind', '=', 'staff_login')
    .where('subject', 'like', `${phone}|%`)
    .execute()
}
