import { join } from 'node:path'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { issueBenchSessions } from './http-fixtures'
import type { NextRequest } from './load'
import { memberIdOf, populateSqlite, sweepDay } from './population'

/**
 * A member signs in once per business day, so a sign-in figure needs a different member for every request: at a
 * few hundred to a thousand requests a second over warm-up and measured window, 100,000 members with one session
 * each last any one figure. Each server is given a fresh copy of this file, so every figure starts with nobody
 * signed in today; a request past the last member would answer 409 ALREADY_SIGNED_IN and count as a failure.
 */
export const signInMemberCount = 100_000

export async function prepareSignInDatabase(dir: string): Promise<{ path: string; tokens: string[] }> {
  const path = join(dir, 'sign-in-template.db')
  const created = openDatabase(path)
  await prepareDatabase(created.db)
  await created.close()
  populateSqlite(path, signInMemberCount, sweepDay())
  const { db, close } = openDatabase(path)
  try {
    const memberIds = Array.from({ length: signInMemberCount }, (_, i) => memberIdOf(i))
    return { path, tokens: await issueBenchSessions(db, memberIds, new Date()) }
  } finally {
    await close()
  }
}

/** POST /api/sign-in (the daily sign-in), each request as the next member: no member signs in twice. */
export function signInRequests(tokens: string[]): NextRequest {
  let n = 0
  return () => ({
    method: 'POST',
    path: '/api/sign-in',
    body: '{}',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[n++ % tokens.length]}` },
  })
}
