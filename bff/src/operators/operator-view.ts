import { AppError, type OperatorView } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, OperatorsTable } from '../db/schema'

export function operatorView(row: Selectable<OperatorsTable>): OperatorView {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    outletId: row.outlet_id,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  }
}

export async function findOperator(db: Kysely<Database> | Transaction<Database>, operatorId: string) {
  const row = await db.selectFrom('operators').selectAll().where('id', '=', operatorId).executeTakeFirst()
  if (!row) throw new AppError('OPERATOR_NOT_FOUND', { operatorId })
  return row
}
