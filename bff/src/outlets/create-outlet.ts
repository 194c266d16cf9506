import {
  AppError,
  type AdminOutletsResponse,
  type AdminOutletView,
  type CreateOutletBody,
  type UpdateOutletBody,
} from '@mc/shared'
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import { audit } from '../audit/audit'
import type { Database, OutletsTable } from '../db/schema'
import type { Deps } from '../deps'
import { outletJoinUrl, outletScene } from './outlet-scene'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32, as in shared/ids.ts

/**
 * `out_` and 10 random characters (50 bits): short enough that the id and its signature fit a 32-character
 * QR scene, which a time-ordered `newId` (30 characters) would not. The primary key catches the
 * vanishingly rare collision.
 */
export const newOutletId = () => `out_${Array.from(randomBytes(10), (byte) => alphabet[byte % 32]).join('')}`

export const adminOutletView = (secret: string | null, row: Selectable<OutletsTable>): AdminOutletView => {
  const scene = outletScene(secret, row.id)
  return {
    id: row.id,
    name: row.name,
    scene,
    joinUrl: outletJoinUrl(scene),
    address: row.address,
    openingHours: row.opening_hours,
    phone: row.phone,
    closedAt: row.closed_at,
    createdAt: row.created_at,
  }
}

/** Empty text is no value: the merchant cleared the field. */
const detail = (text: string | undefined) => (text === undefined || text === '' ? null : text)

/** Opens a store and answers with the scene to print on its join QR; audited. */
export async function createOutlet(deps: Deps, actor: string, body: CreateOutletBody): Promise<AdminOutletView> {
  const now = deps.clock.now()
  const row = {
    id: newOutletId(),
    name: body.name,
    address: detail(body.address),
    opening_hours: detail(body.openingHours),
    phone: detail(body.phone),
    closed_at: null,
    created_at: now.toISOString(),
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('outlets').values(row).execute()
    await audit(trx, {
      actor,
      action: 'outlet.create',
      targetType: 'outlet',
      targetId: row.id,
      detail: { name: row.name },
      now,
    })
  })
  return adminOutletView(deps.qrSceneSecret, row)
}

/**
 * Changes a store's details or stops (or resumes) its pickups; audited with what changed. A store is never
 * deleted: members, orders and redemptions name it.
 */
export async function updateOutlet(
  deps: Deps,
  actor: string,
  outletId: string,
  body: UpdateOutletBody,
): Promise<AdminOutletView> {
  const now = deps.clock.now()
  const changes: { name?: string } & Partial<
    Record<'address' | 'opening_hours' | 'phone' | 'closed_at', string | null>
  > = {}
  if (body.name !== undefined) changes.name = body.name
  if (body.address !== undefined) changes.address = detail(body.address)
  if (body.openingHours !== undefined) changes.opening_hours = detail(body.openingHours)
  if (body.phone !== undefined) changes.phone = detail(body.phone)
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('outlets').selectAll().where('id', '=', outletId).executeTakeFirst()
    if (!current) throw new AppError('OUTLET_NOT_FOUND', { outletId })
    // Closing keeps the first closing time; reopening clears it.
    if (body.takesPickups !== undefined) {
      changes.closed_at = body.takesPickups ? null : (current.closed_at ?? now.toISOString())
    }
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('outlets').set(changes).where('id', '=', outletId).execute()
    }
    await audit(trx, { actor, action: 'outlet.update', targetType: 'outlet', targetId: outletId, detail: body, now })
    return { ...current, ...changes }
  })
  return adminOutletView(deps.qrSceneSecret, row)
}

/** Every store, oldest first; only `onlyOutletId` for a store manager (null: no narrowing). */
export async function listOutlets(
  db: Kysely<Database>,
  secret: string | null,
  onlyOutletId: string | null,
): Promise<AdminOutletsResponse> {
  let query = db.selectFrom('outlets').selectAll().orderBy('created_at').orderBy('id')
  if (onlyOutletId !== null) query = query.where('id', '=', onlyOutletId)
  const rows = await query.execute()
  return { outlets: rows.map((row) => adminOutletView(secret, row)) }
}
