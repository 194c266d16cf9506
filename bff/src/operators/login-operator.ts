import { AppError, type OperatorLoginBody, type OperatorSessionResponse } from '@mc/shared'
import { admitAttempts, clearFailures, maxFailures, takeBackAttempts } from '../auth/failed-attempts'
import { decoyHash, verifySecret } from '../auth/secret-hash'
import type { Deps } from '../deps'
import { issueOperatorSession } from './operator-sessions'

/** One office shares an address; twenty tries in the window leaves room for a team and none for a guessing run. */
export const maxAttemptsPerClient = 20

/**
 * Signs an operator in. The attempt is written before the password is checked, per account and per client, in
 * the transaction that counts them: of any number of concurrent guesses at most `maxFailures` per account reach
 * the (slow, scrypt) check; the rest are 429 without one. A success takes its attempts back. An unknown login,
 * a wrong password and a disabled account answer alike, after the same scrypt cost.
 */
export async function loginOperator(
  deps: Deps,
  body: OperatorLoginBody,
  client: string,
): Promise<OperatorSessionResponse> {
  const { db, clock } = deps
  const now = clock.now()
  const attempts = await admitAttempts(
    db,
    [
      { kind: 'operator_client', subject: client.slice(0, 64), allowed: maxAttemptsPerClient },
      { kind: 'operator_login', subject: body.login, allowed: maxFailures },
    ],
    now,
  )

  const operator = await db.selectFrom('operators').selectAll().where('login', '=', body.login).executeTakeFirst()
  const matches = await verifySecret(body.password, operator?.password_hash ?? (await decoyHash()))
  if (!operator || !matches || operator.disabled_at !== null) throw new AppError('OPERATOR_LOGIN_FAILED')

  await clearFailures(db, 'operator_login', body.login)
  await takeBackAttempts(db, attempts)
  await db.updateTable('operators').set({ last_login_at: now.toISOString() }).where('id', '=', operator.id).execute()
  return issueOperatorSession(db, { ...operator, last_login_at: now.toISOString() }, now)
}
