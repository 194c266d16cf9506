import { postEntry } from '../ledger/post-entry'
import type { TestApp } from '../test/test-app'

/** An instant given as Shanghai wall-clock time, e.g. at('2026-11-30 09:00'). */
export const at = (shanghaiTime: string) => new Date(`${shanghaiTime.replace(' ', 'T')}:00+08:00`).toISOString()

export async function memberIdOf(t: TestApp, token: string): Promise<string> {
  return (await t.json('GET', '/api/me', undefined, token)).body.member.id
}

/** Joins a member at a given Shanghai time and returns its token and id. */
export async function memberJoinedAt(t: TestApp, phone: string, shanghaiTime: string) {
  t.clock.set(at(shanghaiTime))
  const token = await t.joinedMember(phone)
  return { token, memberId: await memberIdOf(t, token) }
}

export const signIn = (t: TestApp, token: string) => t.json('POST', '/api/sign-in', {}, token)
export const makeUp = (t: TestApp, token: string, day: string) => t.json('POST', '/api/sign-in/make-up', { day }, token)

/** Signs in at 10:00 Shanghai time on each given day. */
export async function signInOn(t: TestApp, token: string, days: string[]) {
  const answers = []
  for (const day of days) {
    t.clock.set(at(`${day} 10:00`))
    answers.push(await signIn(t, token))
  }
  return answers
}

/** Gives the member points through the ledger, as an admin adjustment would. */
export async function grantPoints(t: TestApp, memberId: string, points: number) {
  const now = t.clock.now()
  await t.db.transaction().execute((trx) =>
    postEntry(trx, {
      memberId,
      ledger: 'points',
      amount: points,
      kind: 'adjustment',
      reason: '测试发放',
      actor: 'admin',
      idempotencyKey: `test-grant:${memberId}:${now.getTime()}:${points}`,
      ruleVersion: 1,
      businessDay: now.toISOString().slice(0, 10),
      occurredAt: now,
      now,
      credit: { expiresAt: null },
    }),
  )
}

/** The member's ledger entries: growth, then points, each in the order written. */
export function entriesOf(t: TestApp, memberId: string) {
  return t.db
    .selectFrom('ledger_entries')
    .select(['ledger', 'amount', 'kind', 'reason', 'business_day', 'idempotency_key'])
    .where('member_id', '=', memberId)
    .orderBy('ledger')
    .orderBy('account_version')
    .execute()
}

export function signInRowsOf(t: TestApp, memberId: string) {
  return t.db
    .selectFrom('sign_ins')
    .select(['business_day', 'kind', 'cycle_day'])
    .where('member_id', '=', memberId)
    .orderBy('business_day')
    .execute()
}
