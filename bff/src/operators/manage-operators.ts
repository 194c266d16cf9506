import {
  AppError,
  newId,
  type CreatedOperatorResponse,
  type OperatorRole,
  type OperatorView,
  type UpdateOperatorBody,
} from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../audit/audit'
import { hashSecret } from '../auth/secret-hash'
import type { Database } from '../db/schema'
import { oneTimePassword } from './one-time-password'
import { endOperatorSessions } from './operator-sessions'
import { findOperator, operatorView } from './operator-view'

type Db = Kysely<Database> | Transaction<Database>
interface Context {
  actor: string
  now: Date
}

/**
 * A new account with a one-time password, shown in this answer only, to be changed at first login. A store
 * manager's store must exist; a login already in use is 409.
 */
export async function createOperator(
  db: Kysely<Database>,
  body: { login: string; name: string; role: OperatorRole; outletId: string | null },
  context: Context,
  password = oneTimePassword(),
): Promise<CreatedOperatorResponse> {
  if (body.outletId !== null) await assertOutletExists(db, body.outletId)
  const passwordHash = await hashSecret(password)
  const row = {
    id: newId('opr', context.now.getTime()),
    login: body.login,
    name: body.name,
    role: body.role,
    outlet_id: body.outletId,
    password_hash: passwordHash,
    must_change_password: 1,
    disabled_at: null,
    created_at: context.now.toISOString(),
    last_login_at: null,
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('operators')
      .values(row)
      .onConflict((oc) => oc.column('login').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      throw new AppError('OPERATOR_LOGIN_TAKEN', { login: body.login })
    }
    await audit(trx, {
      ...context,
      action: 'operator.created',
      targetType: 'operator',
      targetId: row.id,
      detail: { login: row.login, name: row.name, role: row.role, outletId: row.outlet_id },
    })
  })
  return { operator: operatorView(row), oneTimePassword: password }
}

/**
 * Renames, changes the role or store, disables or re-enables. Disabling or changing the role ends the account's
 * sessions. The last enabled owner can be neither disabled nor demoted, so the shop is never locked out.
 */
export async function updateOperator(
  db: Kysely<Database>,
  operatorId: string,
  body: UpdateOperatorBody,
  context: Context,
): Promise<OperatorView> {
  return db.transaction().execute(async (trx) => {
    const before = await findOperator(trx, operatorId)
    const role = body.role ?? before.role
    const outletId = body.outletId !== undefined ? body.outletId : role === 'store_manager' ? before.outlet_id : null
    if ((role === 'store_manager') !== (outletId !== null)) {
      throw new AppError('INVALID_REQUEST', {
        issues: [{ path: 'outletId', message: '店长需要选择门店，其他角色不选门店' }],
      })
    }
    if (outletId !== null) await assertOutletExists(trx, outletId)
    const disabledAt =
      body.disabled === undefined ? before.disabled_at : body.disabled ? context.now.toISOString() : null
    const stillOwner = role === 'owner' && disabledAt === null
    if (before.role === 'owner' && before.disabled_at === null && !stillOwner) await assertAnotherOwner(trx, operatorId)
    const changes = { name: body.name ?? before.name, role, outlet_id: outletId, disabled_at: disabledAt }
    await trx.updateTable('operators').set(changes).where('id', '=', operatorId).execute()
    if (disabledAt !== null || role !== before.role) await endOperatorSessions(trx, operatorId, context.now)
    await audit(trx, {
      ...context,
      action: 'operator.updated',
      targetType: 'operator',
      targetId: operatorId,
      detail: { before: pick(before), after: pick({ ...before, ...changes }) },
    })
    return operatorView({ ...before, ...changes })
  })
}

/** A new one-time password for someone who forgot theirs; their sessions end. */
export async function resetOperatorPassword(
  db: Kysely<Database>,
  operatorId: string,
  context: Context,
): Promise<CreatedOperatorResponse> {
  const password = oneTimePassword()
  const passwordHash = await hashSecret(password)
  return db.transaction().execute(async (trx) => {
    const before = await findOperator(trx, operatorId)
    await trx
      .updateTable('operators')
      .set({ password_hash: passwordHash, must_change_password: 1 })
      .where('id', '=', operatorId)
      .execute()
    await endOperatorSessions(trx, operatorId, context.now)
    await audit(trx, {
      ...context,
      action: 'operator.password_reset',
      targetType: 'operator',
      targetId: operatorId,
      detail: { login: before.login },
    })
    return { operator: operatorView({ ...before, must_change_password: 1 }), oneTimePassword: password }
  })
}

export async function listOperators(db: Kysely<Database>): Promise<OperatorView[]> {
  const rows = await db.selectFrom('operators').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(operatorView)
}

async function assertOutletExists(db: Db, outletId: string) {
  const outlet = await db.selectFrom('outlets').select('id').where('id', '=', outletId).executeTakeFirst()
  if (!outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId })
}

async function assertAnotherOwner(db: Db, operatorId: string) {
  const other = await db
    .selectFrom('operators')
    .select('id')
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .where('id', '<>', operatorId)
    .executeTakeFirst()
  if (!other) throw new AppError('LAST_OWNER')
}

const pick = (row: { name: string; role: string; outlet_id: string | null; disabled_at: string | null }) => ({
  name: row.name,
  role: row.role,
  outletId: row.outlet_id,
  disabled: row.disabled_at !== null,
})
