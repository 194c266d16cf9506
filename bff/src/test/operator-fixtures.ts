import type { OperatorRole } from '@mc/shared'
import { createOperator } from '../operators/manage-operators'
import { issueOperatorSession } from '../operators/operator-sessions'
import type { TestApp } from './test-app'

let seq = 0

/**
 * An operator of `role` with a session, skipping the one-time password step: returns the bearer token. A store
 * manager needs the store they look after.
 */
export async function operatorToken(t: TestApp, role: OperatorRole, outletId: string | null = null) {
  seq += 1
  const { operator } = await createOperator(
    t.db,
    { login: `${role.replace('_', '-')}-${seq}-${Date.now() % 100_000}`, name: `${role} ${seq}`, role, outletId },
    { actor: 'system', now: t.clock.now() },
    'fixture-password-1',
  )
  await t.db.updateTable('operators').set({ must_change_password: 0 }).where('id', '=', operator.id).execute()
  const row = await t.db.selectFrom('operators').selectAll().where('id', '=', operator.id).executeTakeFirstOrThrow()
  const session = await issueOperatorSession(t.db, row, t.clock.now())
  return { token: session.token, operator: session.operator }
}
