import { AppError, type ChangePasswordBody, type OperatorSessionResponse } from '@mc/shared'
import { audit } from '../audit/audit'
import { hashSecret, verifySecret } from '../auth/secret-hash'
import type { Deps } from '../deps'
import { endOperatorSessions, issueOperatorSession } from './operator-sessions'
import { findOperator } from './operator-view'

/**
 * Sets a new password after checking the current one, ends every session of the account (a stolen one included)
 * and answers with a fresh session for the device that made the change.
 */
export async function changePassword(
  deps: Deps,
  operatorId: string,
  body: ChangePasswordBody,
): Promise<OperatorSessionResponse> {
  const { db, clock } = deps
  const now = clock.now()
  const operator = await findOperator(db, operatorId)
  if (!(await verifySecret(body.currentPassword, operator.password_hash))) {
    throw new AppError('OPERATOR_PASSWORD_WRONG')
  }
  const passwordHash = await hashSecret(body.newPassword)
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('operators')
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where('id', '=', operatorId)
      .execute()
    await endOperatorSessions(trx, operatorId, now)
    await audit(trx, {
      actor: `operator:${operatorId}`,
      action: 'operator.password_changed',
      targetType: 'operator',
      targetId: operatorId,
      detail: {},
      now,
    })
    return issueOperatorSession(trx, { ...operator, password_hash: passwordHash, must_change_password: 0 }, now)
  })
}
