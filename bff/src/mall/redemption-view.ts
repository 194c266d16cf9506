import {
  AppError,
  DeliveryAddress,
  redemptionIdRange,
  redemptionOrderNo,
  redemptionStatusLabel,
  type AdminRedemptionFilter,
  type PickupOutlet,
  type RedemptionsPage,
  type RedemptionView,
} from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { forUpdate } from '../db/engine'
import type { Database, MallRedemptionsTable } from '../db/schema'
import { cursorPage } from '../db/cursor-page'
import { pickupOutletsById } from '../outlets/pickup-outlets'

export type RedemptionRow = Selectable<MallRedemptionsTable>
type Db = Kysely<Database> | Transaction<Database>

export function redemptionFromRow(
  row: RedemptionRow,
  couponCodes: string[],
  pickupOutlet: PickupOutlet | null,
): RedemptionView {
  const pending = row.status === 'pending_payment'
  return {
    id: row.id,
    orderNo: redemptionOrderNo(row.id),
    itemId: row.item_id,
    itemTitle: row.item_title,
    itemImage: row.item_image,
    quantity: row.quantity,
    pointsCost: row.points_cost,
    cashFen: row.cash_fen,
    fulfilment: row.fulfilment,
    status: row.status,
    statusLabel: redemptionStatusLabel(
      row.status,
      row.fulfilment,
      row.picked_up_at !== null || row.shipped_at !== null,
    ),
    paymentExpiresAt: pending ? row.payment_expires_at : null,
    // The code is only good while the redemption stands; a refunded one shows none.
    pickupCode: row.status === 'completed' ? row.pickup_code : null,
    pickedUpAt: row.picked_up_at,
    // Like the code, the deadline only matters while the redemption stands.
    pickupDeadline: row.status === 'completed' ? row.pickup_deadline : null,
    pickupLastDay: row.status === 'completed' ? row.pickup_last_day : null,
    pickupOutlet,
    couponCodes,
    delivery: row.delivery === null ? null : DeliveryAddress.parse(JSON.parse(row.delivery)),
    shipment:
      row.shipped_at === null
        ? null
        : { carrier: row.shipping_carrier ?? '', trackingNo: row.tracking_no ?? '', shippedAt: row.shipped_at },
    createdAt: row.created_at,
    paidAt: row.paid_at,
    closedAt: row.closed_at,
  }
}

async function couponCodesOf(db: Db, rows: RedemptionRow[]): Promise<Map<string, string[]>> {
  const claimIds = rows.map((row) => row.claim_id).filter((id): id is string => id !== null)
  if (claimIds.length === 0) return new Map()
  const coupons = await db
    .selectFrom('coupons')
    .select(['claim_id', 'code'])
    .where('claim_id', 'in', claimIds)
    .orderBy('id')
    .execute()
  const byClaim = new Map<string, string[]>()
  for (const coupon of coupons) byClaim.set(coupon.claim_id, [...(byClaim.get(coupon.claim_id) ?? []), coupon.code])
  return byClaim
}

export async function redemptionViews(db: Db, rows: RedemptionRow[]): Promise<RedemptionView[]> {
  const codes = await couponCodesOf(db, rows)
  const outlets = await pickupOutletsById(
    db,
    rows.map((row) => row.pickup_outlet_id).filter((id): id is string => id !== null),
  )
  return rows.map((row) =>
    redemptionFromRow(
      row,
      row.claim_id ? (codes.get(row.claim_id) ?? []) : [],
      row.pickup_outlet_id === null ? null : (outlets.get(row.pickup_outlet_id) ?? null),
    ),
  )
}

/** The redemption row, locked for the rest of the transaction (PostgreSQL; SQLite's writer already holds the lock). */
export async function lockRedemption(trx: Transaction<Database>, redemptionId: string): Promise<RedemptionRow> {
  const row = await forUpdate(
    trx,
    trx.selectFrom('mall_redemptions').selectAll().where('id', '=', redemptionId),
  ).executeTakeFirst()
  if (!row) throw new AppError('REDEMPTION_NOT_FOUND', { redemptionId })
  return row
}

/** One of the member's redemptions; another member's id reads as not found, the same as an unknown one. */
export async function memberRedemption(db: Db, memberId: string, redemptionId: string): Promise<RedemptionView> {
  const row = await db
    .selectFrom('mall_redemptions')
    .selectAll()
    .where('id', '=', redemptionId)
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  if (!row) throw new AppError('REDEMPTION_NOT_FOUND', { redemptionId })
  return (await redemptionViews(db, [row]))[0]
}

export async function redemptionById(db: Db, redemptionId: string): Promise<RedemptionView> {
  const row = await db.selectFrom('mall_redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirst()
  if (!row) throw new AppError('REDEMPTION_NOT_FOUND', { redemptionId })
  return (await redemptionViews(db, [row]))[0]
}

/** Newest first; the cursor is the last id of the previous page (ids are time-ordered). */
export async function redemptionsPage(
  db: Db,
  filter: {
    memberId?: string
    status?: AdminRedemptionFilter
    fulfilment?: RedemptionRow['fulfilment']
    reconciliation?: 'needed'
    orderNo?: string
    cursor?: string
    limit: number
  },
): Promise<RedemptionsPage> {
  let query = db.selectFrom('mall_redemptions').selectAll().orderBy('id', 'desc')
  if (filter.orderNo !== undefined) {
    // The number is derived from the id: read that one second of ids, then keep those that give this number.
    const range = redemptionIdRange(filter.orderNo)
    if (range === null) return { redemptions: [], nextCursor: null }
    query = query.where('id', '>=', range.from).where('id', '<=', range.to)
  } else query = query.limit(filter.limit + 1)
  if (filter.memberId) query = query.where('member_id', '=', filter.memberId)
  if (filter.status === 'to_ship' || filter.status === 'shipped') {
    query = query
      .where('status', '=', 'completed')
      .where('fulfilment', '=', 'delivery')
      .where('shipped_at', filter.status === 'to_ship' ? 'is' : 'is not', null)
  } else if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.fulfilment) query = query.where('fulfilment', '=', filter.fulfilment)
  if (filter.reconciliation) query = query.where('needs_reconciliation', '=', 1)
  if (filter.cursor) query = query.where('id', '<', filter.cursor)
  const found = await query.execute()
  const rows =
    filter.orderNo === undefined ? found : found.filter((row) => redemptionOrderNo(row.id) === filter.orderNo)
  const { page, nextCursor } = cursorPage(rows, filter.limit)
  return {
    redemptions: await redemptionViews(db, page),
    nextCursor,
  }
}
