import { AppError, type PickupOutlet, type PickupOutletsResponse } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, OutletsTable } from '../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export const pickupOutletFromRow = (row: Selectable<OutletsTable>): PickupOutlet => ({
  id: row.id,
  name: row.name,
  address: row.address,
  openingHours: row.opening_hours,
  phone: row.phone,
})

/** Stores still taking pickups, oldest first (the order the merchant opened them in). */
async function openOutlets(db: Db): Promise<Selectable<OutletsTable>[]> {
  return db
    .selectFrom('outlets')
    .selectAll()
    .where('closed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/**
 * The store to preselect for this member: the one of their last pickup (they chose it before), else the one they
 * joined at, as long as it still takes pickups.
 */
async function preferredOutletId(db: Db, memberId: string, open: Set<string>): Promise<string | null> {
  const last = await db
    .selectFrom('mall_redemptions')
    .select('pickup_outlet_id')
    .where('member_id', '=', memberId)
    .where('pickup_outlet_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (last?.pickup_outlet_id && open.has(last.pickup_outlet_id)) return last.pickup_outlet_id
  const member = await db.selectFrom('members').select('source_outlet_id').where('id', '=', memberId).executeTakeFirst()
  const joined = member?.source_outlet_id ?? null
  return joined !== null && open.has(joined) ? joined : null
}

/** What the checkout's store picker lists, with the store to preselect. */
export async function pickupOutletsFor(db: Db, memberId: string): Promise<PickupOutletsResponse> {
  const rows = await openOutlets(db)
  const preferred = await preferredOutletId(db, memberId, new Set(rows.map((row) => row.id)))
  return { outlets: rows.map(pickupOutletFromRow), preferredOutletId: preferred }
}

/**
 * The store a redemption names. A chosen store must exist (else OUTLET_NOT_FOUND) and still take pickups (else
 * PICKUP_OUTLET_CLOSED); only pickup items take one. Left out, the member's preferred store is taken, else the
 * only store; with several stores and no preference the shopper must choose (PICKUP_OUTLET_REQUIRED). A
 * merchant without any open store keeps the old rule: no store named, any till may hand the item over.
 */
export async function pickupOutletFor(
  trx: Transaction<Database>,
  memberId: string,
  fulfilment: 'coupon' | 'delivery' | 'pickup',
  requested: string | undefined,
  /** How many stores take pickups, when the caller read it already (redemptionStart): none means no store. */
  openCount?: number,
): Promise<string | null> {
  if (fulfilment !== 'pickup') {
    if (requested !== undefined) throw new AppError('PICKUP_OUTLET_NOT_ALLOWED', { fulfilment })
    return null
  }
  if (requested !== undefined) {
    const row = await trx
      .selectFrom('outlets')
      .select(['id', 'closed_at'])
      .where('id', '=', requested)
      .executeTakeFirst()
    if (!row) throw new AppError('OUTLET_NOT_FOUND', { outletId: requested })
    if (row.closed_at !== null) throw new AppError('PICKUP_OUTLET_CLOSED', { outletId: requested })
    return row.id
  }
  if (openCount === 0) return null
  const open = await openOutlets(trx)
  if (open.length === 0) return null
  const preferred = await preferredOutletId(trx, memberId, new Set(open.map((row) => row.id)))
  if (preferred !== null) return preferred
  if (open.length === 1) return open[0].id
  throw new AppError('PICKUP_OUTLET_REQUIRED', { outlets: open.length })
}

/** The stores named by these redemptions, by id, for their views. */
export async function pickupOutletsById(db: Db, ids: string[]): Promise<Map<string, PickupOutlet>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('outlets')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((row) => [row.id, pickupOutletFromRow(row)]))
}
