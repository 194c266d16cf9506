import { rolePermissions, type OperatorSessionResponse } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { newBearerToken, tokenHash } from '../auth/bearer-tokens'
import { operatorSessionHours } from '../auth/operator-principal'
import type { Database, OperatorsTable } from '../db/schema'
import { operatorView } from './operator-view'

/** Opaque bearer token, `mcop_` and 256 random bits; only its hash is stored. */
export async function issueOperatorSession(
  db: Kysely<Database> | Transaction<Database>,
  operator: Selectable<OperatorsTable>,
  now: Date,
): Promise<OperatorSessionResponse> {
  const { token, tokenHash: hash } = newBearerToken('mcop_')
  const expiresAt = new Date(now.getTime() + operatorSessionHours * 3_600_000).toISOString()
  await db
    .insertInto('operator_sessions')
    .values({ token_hash: hash, operator_id: operator.id, created_at: now.toISOString(), expires_at: expiresAt })
    .execute()
  return { token, expiresAt, operator: operatorView(operator), permissions: [...rolePermissions[operator.role]] }
}

/** Ends every open session of the operator, except the one whose token is `keep` (the caller's own). */
export async function endOperatorSessions(
  db: Kysely<Database> | Transaction<Database>,
  operatorId: string,
  now: Date,
  keep?: string,
): Promise<void> {
  let query = db
    .updateTable('operator_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('operator_id', '=', operatorId)
    .where('revoked_at', 'is', null)
  if (keep !== undefined) query = query.where('token_hash', '<>', tokenHash(keep))
  await query.execute()
}
