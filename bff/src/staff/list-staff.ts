import type { AdminStaffResponse } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { staffFromRow } from './create-staff'

/** Every staff account with its store and status, by store then oldest first; one store's when `outletId` is set. */
export async function listStaff(db: Kysely<Database>, outletId: string | null): Promise<AdminStaffResponse> {
  let query = db
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
    .orderBy('outlets.created_at')
    .orderBy('outlets.id')
    .orderBy('staff.created_at')
    .orderBy('staff.id')
  if (outletId !== null) query = query.where('staff.outlet_id', '=', outletId)
  return { staff: (await query.execute()).map(staffFromRow) }
}
