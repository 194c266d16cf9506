import { AppError, newId, type CreateStaffBody, type StaffView } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { maskPhone } from '../membership/member-profile'
import { hashSecret } from '../auth/secret-hash'
import type { Principal } from '../auth/operator-principal'
import { assertOutletInScope } from '../auth/outlet-scope'

/** A staff account with its outlet's name; the phone is masked wherever it is shown. */
export async function staffView(db: Kysely<Database>, staffId: string): Promise<StaffView> {
  const row = await db
    .selectFrom('staff')
    .innerJoin('outlets', 'outlets.id', 'staff.outlet_id')
    .select([
      'staff.id',
      'staff.name',
      'staff.phone',
      'staff.created_at',
      'staff.disabled_at',
      'outlets.id as outlet_id',
      'outlets.name as outlet_name',
    ])
    .where('staff.id', '=', staffId)
    .executeTakeFirstOrThrow()
  return staffFromRow(row)
}

/** One staff row joined with its outlet, as the admin and the staff app see it. */
export function staffFromRow(row: {
  id: string
  name: string
  phone: string
  created_at: string
  disabled_at: string | null
  outlet_id: string
  outlet_name: string
}): StaffView {
  return {
    id: row.id,
    name: row.name,
    phoneMasked: maskPhone(row.phone)!,
    outlet: { id: row.outlet_id, name: row.outlet_name },
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  }
}

/**
 * Creates a staff account at one outlet; audited without the PIN. The PIN is hashed before the transaction
 * (scrypt is slow on purpose), and a phone that already has an account is 409 STAFF_PHONE_TAKEN. A store
 * manager creates staff only at their own store.
 */
export async function createStaff(
  deps: Deps,
  principal: Pick<Principal, 'actor' | 'outletId'>,
  body: CreateStaffBody,
): Promise<StaffView> {
  assertOutletInScope(principal, body.outletId)
  const { db, clock } = deps
  const now = clock.now()
  const pinHash = await hashSecret(body.pin)
  const id = newId('stf', now.getTime())
  await db.transaction().execute(async (trx) => {
    const outlet = await trx.selectFrom('outlets').select('id').where('id', '=', body.outletId).executeTakeFirst()
    if (!outlet) throw new AppError('OUTLET_NOT_FOUND', { outletId: body.outletId })
    const inserted = await trx
      .insertInto('staff')
      .values({
        id,
        name: body.name,
        phone: body.phone,
        outlet_id: body.outletId,
        pin_hash: pinHash,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('phone').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AppError('STAFF_PHONE_TAKEN')
    await audit(trx, {
      actor: principal.actor,
      action: 'staff.create',
      targetType: 'staff',
      targetId: id,
      detail: { name: body.name, phoneMasked: maskPhone(body.phone), outletId: body.outletId },
      now,
    })
  })
  return staffView(db, id)
}
