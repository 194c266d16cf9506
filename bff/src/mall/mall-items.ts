import {
  AppError,
  MallCouponSpec,
  type MallItemInput,
  newId,
  checkItemConsistency,
  type AdminMallItem,
  type MallItemPatch,
  type StockChangeBody,
} from '@mc/shared'
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely'
import { z } from 'zod'
import type { Database, MallItemsTable } from '../db/schema'
import { audit } from '../audit/audit'
import { fieldIssues } from '../http/validate'
import { anyQueryBuilder } from '../db/any-query-builder'
import { preparedQuery } from '../db/prepared-query'
import { isPostgres } from '../db/engine'
import { lockAccount } from '../ledger/accounts'
import type { LockedAccount } from '../ledger/points-holds'
import { latestVersionColumn, programAt, publishedProgram, type PublishedProgram } from '../program/published-program'
import { checkUploadedImages } from '../uploads/uploaded-images'

export type MallItemRow = Selectable<MallItemsTable>

/** The row's JSON columns and flags as the domain sees them. */
export function adminItemFromRow(row: MallItemRow): AdminMallItem {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    images: JSON.parse(row.images) as string[],
    pointsPrice: row.points_price,
    cashFen: row.cash_fen,
    stock: row.stock,
    perMemberLimit: row.per_member_limit,
    minTierKey: row.min_tier_key,
    activeFrom: row.active_from,
    activeUntil: row.active_until,
    fulfilment: row.fulfilment,
    coupon: row.coupon === null ? null : MallCouponSpec.parse(JSON.parse(row.coupon)),
    pickupDays: row.pickup_days,
    onSale: row.on_sale === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

const isoOrNull = (value: string | null) => (value === null ? null : new Date(value).toISOString())

/** A tier restriction must name a tier of the published program, or nobody could ever redeem the item. */
async function checkTierKey(db: Kysely<Database>, key: string | null) {
  if (key === null) return
  const { rules } = await publishedProgram(db)
  if (!rules.tiers.some((tier) => tier.key === key)) {
    throw new AppError('MALL_TIER_UNKNOWN', { minTierKey: key, tiers: rules.tiers.map((tier) => tier.key) })
  }
}

export async function createMallItem(
  db: Kysely<Database>,
  actor: string,
  input: MallItemInput,
  now: Date,
): Promise<AdminMallItem> {
  await checkTierKey(db, input.minTierKey)
  await checkUploadedImages(db, input.images)
  const row: MallItemRow = {
    id: newId('itm', now.getTime()),
    title: input.title,
    description: input.description,
    images: JSON.stringify(input.images),
    points_price: input.pointsPrice,
    cash_fen: input.cashFen,
    stock: input.stock,
    per_member_limit: input.perMemberLimit,
    min_tier_key: input.minTierKey,
    active_from: isoOrNull(input.activeFrom),
    active_until: isoOrNull(input.activeUntil),
    fulfilment: input.fulfilment,
    coupon: input.coupon === null ? null : JSON.stringify(input.coupon),
    pickup_days: input.pickupDays,
    on_sale: input.onSale ? 1 : 0,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('mall_items').values(row).execute()
    await audit(trx, {
      actor,
      action: 'mall_item.create',
      targetType: 'mall_item',
      targetId: row.id,
      detail: input,
      now,
    })
  })
  return adminItemFromRow(row)
}

const Consistent = z
  .object({})
  .passthrough()
  .superRefine((item, ctx) => checkItemConsistency(item as never, ctx))

/** Applies a patch; the merged item must still be consistent (a coupon item keeps a coupon, periods stay ordered). */
export async function updateMallItem(
  db: Kysely<Database>,
  actor: string,
  itemId: string,
  patch: MallItemPatch,
  now: Date,
): Promise<AdminMallItem> {
  if (patch.minTierKey !== undefined) await checkTierKey(db, patch.minTierKey)
  if (patch.images !== undefined) await checkUploadedImages(db, patch.images)
  return db.transaction().execute(async (trx) => {
    const current = adminItemFromRow(await itemRowOrThrow(trx, itemId))
    const merged = { ...current, ...patch }
    const checked = Consistent.safeParse(merged)
    if (!checked.success) throw new AppError('INVALID_REQUEST', { issues: fieldIssues(checked.error) })
    await trx
      .updateTable('mall_items')
      .set({
        title: merged.title,
        description: merged.description,
        images: JSON.stringify(merged.images),
        points_price: merged.pointsPrice,
        cash_fen: merged.cashFen,
        per_member_limit: merged.perMemberLimit,
        min_tier_key: merged.minTierKey,
        active_from: isoOrNull(merged.activeFrom),
        active_until: isoOrNull(merged.activeUntil),
        fulfilment: merged.fulfilment,
        coupon: merged.coupon === null ? null : JSON.stringify(merged.coupon),
        pickup_days: merged.pickupDays,
        on_sale: merged.onSale ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', itemId)
      .execute()
    await audit(trx, {
      actor,
      action: 'mall_item.update',
      targetType: 'mall_item',
      targetId: itemId,
      detail: patch,
      now,
    })
    return adminItemFromRow(await itemRowOrThrow(trx, itemId))
  })
}

/**
 * Moves stock by `delta` in one conditional statement, so a merchant restocking while members redeem never
 * writes back a stale count; removing more than is left is refused and changes nothing.
 */
export async function changeStock(
  db: Kysely<Database>,
  actor: string,
  itemId: string,
  change: StockChangeBody,
  now: Date,
): Promise<AdminMallItem> {
  return db.transaction().execute(async (trx) => {
    await itemRowOrThrow(trx, itemId)
    const moved = await trx
      .updateTable('mall_items')
      .set((eb) => ({ stock: eb('stock', '+', change.delta), updated_at: now.toISOString() }))
      .where('id', '=', itemId)
      .where('stock', '>=', Math.max(0, -change.delta))
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) {
      const { stock } = await itemRowOrThrow(trx, itemId)
      throw new AppError('MALL_STOCK_NEGATIVE', { stock, delta: change.delta })
    }
    await audit(trx, {
      actor,
      action: 'mall_item.stock',
      targetType: 'mall_item',
      targetId: itemId,
      detail: change,
      now,
    })
    return adminItemFromRow(await itemRowOrThrow(trx, itemId))
  })
}

/** Items newest first, on or off sale, of one fulfilment kind, with a title containing `q` (case-insensitive). */
export async function listMallItems(
  db: Kysely<Database>,
  filter: { onSale?: 'true' | 'false'; kind?: MallItemRow['fulfilment']; q?: string } = {},
): Promise<AdminMallItem[]> {
  let query = db.selectFrom('mall_items').selectAll().orderBy('id', 'desc')
  if (filter.onSale) query = query.where('on_sale', '=', filter.onSale === 'true' ? 1 : 0)
  if (filter.kind) query = query.where('fulfilment', '=', filter.kind)
  if (filter.q) {
    // LIKE's wildcards in the search text are matched literally; lower() makes it case-insensitive on both engines.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    query = query.where(sql<string>`lower(title)`, 'like', sql<string>`${pattern} escape '\\'`)
  }
  const rows = await query.execute()
  return rows.map(adminItemFromRow)
}

/**
 * What a redemption starts from, in one statement where it took two: the member's points account, locked first
 * (it serialises the member's redemptions), the item, the program in force and how many stores take pickups (a
 * shop without stores then settles a pickup's store without reading them, pickup-outlets.ts). On PostgreSQL each
 * statement is a round trip. A member without a points account yet, or an unknown item, takes the separate reads,
 * which open the account or answer MALL_ITEM_NOT_FOUND.
 */
export async function redemptionStart(
  trx: Transaction<Database>,
  memberId: string,
  itemId: string,
): Promise<{ account: LockedAccount; item: MallItemRow; program: PublishedProgram; openOutlets: number }> {
  const row = await accountAndItem.takeFirst(trx, { memberId, itemId })
  if (!row) {
    const account = await lockAccount(trx, memberId, 'points')
    const item = await itemAndLatestVersion.takeFirst(trx, { itemId })
    if (!item) throw new AppError('MALL_ITEM_NOT_FOUND', { itemId })
    return { account, ...(await withProgram(trx, item)) }
  }
  const { a_balance: balance, a_held: held, a_version: version, ...itemRow } = row
  const account = { member_id: memberId, ledger: 'points' as const, balance, held, version }
  return { account, ...(await withProgram(trx, itemRow)) }
}

type ItemAndVersion = MallItemRow & { program_version: number | null; open_outlets: number | string | bigint | null }

async function withProgram(trx: Transaction<Database>, row: ItemAndVersion) {
  const { program_version: version, open_outlets: openOutlets, ...item } = row
  const program = version === null ? await publishedProgram(trx) : await programAt(trx, Number(version))
  return { item, program, openOutlets: Number(openOutlets) }
}

/** How many stores take pickups, as a column of a statement about something else. */
const openOutletsColumn = <DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
  anyQueryBuilder(eb)
    .selectFrom('outlets')
    .select((inner) => inner.fn.countAll().as('n'))
    .where('closed_at', 'is', null)
    .as('open_outlets')

const itemAndLatestVersion = preparedQuery<{ itemId: string }>()((db, p) =>
  db
    .selectFrom('mall_items')
    .selectAll()
    .select(latestVersionColumn)
    .select(openOutletsColumn)
    .where('id', '=', p.itemId),
)

/** The account row is locked (PostgreSQL: FOR UPDATE OF it only; SQLite's writer holds the database already). */
const accountAndItem = preparedQuery<{ memberId: string; itemId: string }>()((db, p) => {
  const query = db
    .selectFrom('ledger_accounts as a')
    .innerJoin('mall_items as i', (join) => join.on('i.id', '=', p.itemId))
    .selectAll('i')
    .select(['a.balance as a_balance', 'a.held as a_held', 'a.version as a_version'])
    .select(latestVersionColumn)
    .select(openOutletsColumn)
    .where('a.member_id', '=', p.memberId)
    .where('a.ledger', '=', 'points')
  return isPostgres(db) ? query.forUpdate('a') : query
})

export async function itemRowOrThrow(
  db: Kysely<Database> | Transaction<Database>,
  itemId: string,
): Promise<MallItemRow> {
  const row = await db.selectFrom('mall_items').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (!row) throw new AppError('MALL_ITEM_NOT_FOUND', { itemId })
  return row
}
