import { itemAvailability, type MallItemView } from '@mc/shared'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { memberTierState } from '../tiers/member-tier'
import { publishedProgram, type PublishedProgram } from '../program/published-program'
import { adminItemFromRow, itemRowOrThrow, type MallItemRow } from './mall-items'

/** Redemptions that count against a per-member limit: those not given back. */
export const limitCountingStatuses = ['pending_payment', 'completed'] as const

/** Who is looking at the mall: their tier's rank and the points they can spend now. */
export interface Shopper {
  memberId: string
  tierRank: number
  availablePoints: number
  program: PublishedProgram
}

export async function shopperOf(db: Kysely<Database> | Transaction<Database>, memberId: string): Promise<Shopper> {
  const program = await publishedProgram(db)
  const tier = await memberTierState(db, memberId, program)
  const account = await db
    .selectFrom('ledger_accounts')
    .select(['balance', 'held'])
    .where('member_id', '=', memberId)
    .where('ledger', '=', 'points')
    .executeTakeFirst()
  const tierRank = Math.max(
    0,
    program.rules.tiers.findIndex((t) => t.key === tier.key),
  )
  return { memberId, tierRank, availablePoints: Math.max(0, (account?.balance ?? 0) - (account?.held ?? 0)), program }
}

/** Units of each item the member holds against its limit. */
export async function redeemedCounts(
  db: Kysely<Database> | Transaction<Database>,
  memberId: string,
  itemIds?: string[],
) {
  let query = db
    .selectFrom('mall_redemptions')
    .select(['item_id', sql<number>`sum(quantity)`.as('units')])
    .where('member_id', '=', memberId)
    .where('status', 'in', [...limitCountingStatuses])
    .groupBy('item_id')
  if (itemIds) query = query.where('item_id', 'in', itemIds)
  const rows = await query.execute()
  return new Map(rows.map((row) => [row.item_id, Number(row.units)]))
}

/** The tier an item is restricted to: its rank in the program (a tier it no longer has ranks above all), name. */
function minTierOf(minTierKey: string | null, shopper: Shopper) {
  if (minTierKey === null) return { rank: null, tier: null }
  const tiers = shopper.program.rules.tiers
  const index = tiers.findIndex((t) => t.key === minTierKey)
  // A restriction naming a tier the program no longer has locks the item rather than opening it to everyone.
  return {
    rank: index === -1 ? Number.MAX_SAFE_INTEGER : index,
    // A tier the program no longer has has no colour of its own; the neutral grey of the palette's fallback.
    tier: { key: minTierKey, name: tiers[index]?.name ?? minTierKey, color: tiers[index]?.color ?? '#8a8f99' },
  }
}

/**
 * Whether this shopper can redeem the item at `now`, straight from the row: the redemption path needs only this,
 * not the whole view with its parsed images and coupon.
 */
export function rowAvailability(row: MallItemRow, shopper: Shopper, redeemedCount: number, now: Date) {
  const minTier = minTierOf(row.min_tier_key, shopper)
  return itemAvailability(
    {
      onSale: row.on_sale === 1,
      activeFrom: row.active_from,
      activeUntil: row.active_until,
      stock: row.stock,
      perMemberLimit: row.per_member_limit,
      pointsPrice: row.points_price,
      minTierRank: minTier.rank,
      minTierName: minTier.tier?.name ?? null,
    },
    { tierRank: shopper.tierRank, availablePoints: shopper.availablePoints, redeemedCount },
    now,
  )
}

/** The item as this shopper sees it at `now`. */
export function itemView(row: MallItemRow, shopper: Shopper, redeemedCount: number, now: Date): MallItemView {
  const item = adminItemFromRow(row)
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    images: item.images,
    pointsPrice: item.pointsPrice,
    cashFen: item.cashFen,
    fulfilment: item.fulfilment,
    coupon: item.coupon,
    pickupDays: item.pickupDays,
    stock: item.stock,
    perMemberLimit: item.perMemberLimit,
    redeemedByMe: redeemedCount,
    minTier: minTierOf(row.min_tier_key, shopper).tier,
    activeFrom: item.activeFrom,
    activeUntil: item.activeUntil,
    availability: rowAvailability(row, shopper, redeemedCount, now),
  }
}

/** Items on sale and not yet ended, redeemable ones first, then cheapest first. */
export async function mallItemsFor(db: Kysely<Database>, memberId: string, now: Date): Promise<MallItemView[]> {
  const shopper = await shopperOf(db, memberId)
  const rows = await db
    .selectFrom('mall_items')
    .selectAll()
    .where('on_sale', '=', 1)
    .where((eb) => eb.or([eb('active_until', 'is', null), eb('active_until', '>', now.toISOString())]))
    .orderBy('points_price')
    .orderBy('id')
    .execute()
  const counts = await redeemedCounts(db, memberId)
  const views = rows.map((row) => itemView(row, shopper, counts.get(row.id) ?? 0, now))
  return views.sort((a, b) => Number(b.availability.redeemable) - Number(a.availability.redeemable))
}

export async function mallItemFor(
  db: Kysely<Database>,
  memberId: string,
  itemId: string,
  now: Date,
): Promise<MallItemView> {
  const row = await itemRowOrThrow(db, itemId)
  const shopper = await shopperOf(db, memberId)
  const counts = await redeemedCounts(db, memberId, [itemId])
  return itemView(row, shopper, counts.get(itemId) ?? 0, now)
}
