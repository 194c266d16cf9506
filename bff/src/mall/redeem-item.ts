import { AppError, businessDayOf, newId, type RedeemBody, type RedeemResponse } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { faultPoint } from '../http/fault-injection'
import { runIdempotent } from '../http/idempotency'
import { holdPoints } from '../ledger/points-holds'
import { completeAtOnce } from './complete-redemption'
import { takeStock } from './item-stock'
import { redeemedCounts, rowAvailability, type Shopper } from './member-mall'
import { redemptionStart, type MallItemRow } from './mall-items'
import { requestPayment } from './request-payment'
import { pickupOutletFor } from '../outlets/pickup-outlets'
import { redemptionById, redemptionViews, type RedemptionRow } from './redemption-view'
import type { RedemptionView } from '@mc/shared'
import type { PublishedProgram } from '../program/published-program'
import { memberTierState } from '../tiers/member-tier'

type RedeemDeps = Pick<Deps, 'db' | 'payments' | 'mall' | 'logger'>

const refusal = {
  off_sale: 'MALL_ITEM_OFF_SALE',
  not_started: 'MALL_ITEM_NOT_STARTED',
  ended: 'MALL_ITEM_ENDED',
  sold_out: 'MALL_ITEM_SOLD_OUT',
  tier_locked: 'MALL_ITEM_TIER_LOCKED',
  limit_reached: 'MALL_LIMIT_REACHED',
} as const

/**
 * Redeems an item, once per Idempotency-Key. One transaction holds the points and takes the stock (an atomic
 * conditional decrement), so either both happen or neither: a sold-out item leaves the points untouched, a
 * points shortfall leaves the stock. Points only completes in the same transaction, spending the points in one
 * step; points plus cash holds them, stays pending and asks the payment provider for an order after the commit,
 * never while holding the write lock.
 */
export async function redeemItem(deps: RedeemDeps, memberId: string, body: RedeemBody, key: string, now: Date) {
  // The new redemption as the transaction left it, read inside it: a read after the commit would be one more
  // round trip, and on SQLite a statement outside a transaction forces the open group commit to the disk early.
  let placed: RedemptionView | null = null
  const result = await runIdempotent(
    deps.db,
    { scope: 'mall_redeem', key: `${memberId}:${key}`, body, now },
    async (trx) => {
      placed = await reserve(trx, deps, memberId, body, now)
      return { status: 201, body: { redemptionId: placed.id } }
    },
  )
  const { redemptionId } = result.body
  // A replay answers with the redemption as it stands now (paid, expired, refunded), not as it was placed.
  const redemption = result.replayed || placed === null ? await redemptionById(deps.db, redemptionId) : placed
  const payment = redemption.status === 'pending_payment' ? await requestPayment(deps, redemptionId, now) : null
  const response: RedeemResponse = {
    redemption: payment ? payment.redemption : redemption,
    payment: payment?.payment ?? null,
  }
  return { status: result.replayed ? 200 : 201, body: response }
}

/** Who is redeeming, from the account row already locked: the tier is read only when the item is restricted. */
async function shopperFor(
  trx: Transaction<Database>,
  account: { member_id: string; balance: number; held: number },
  item: MallItemRow,
  program: PublishedProgram,
): Promise<Shopper> {
  let tierRank = 0
  if (item.min_tier_key !== null) {
    const tier = await memberTierState(trx, account.member_id, program)
    tierRank = Math.max(
      0,
      program.rules.tiers.findIndex((t) => t.key === tier.key),
    )
  }
  const availablePoints = Math.max(0, account.balance - account.held)
  return { memberId: account.member_id, tierRank, availablePoints, program }
}

/**
 * The redemption's writes, in an order that keeps the hot rows' locks short: the member's own rows first, the
 * item's stock (one row every redeemer of the item updates) last, so on PostgreSQL its row lock is held only
 * from the decrement to the commit rather than through the hold, the entry and the redemption's rows.
 */
async function reserve(
  trx: Transaction<Database>,
  deps: RedeemDeps,
  memberId: string,
  body: RedeemBody,
  now: Date,
): Promise<RedemptionView> {
  // The member's points account is locked first: it serialises this member's redemptions, so the
  // per-member limit counted below cannot be overtaken by a concurrent request of the same member.
  const { account, item, program, openOutlets } = await redemptionStart(trx, memberId, body.itemId)
  const shopper = await shopperFor(trx, account, item, program)
  const redeemed =
    item.per_member_limit === null ? 0 : ((await redeemedCounts(trx, memberId, [item.id])).get(item.id) ?? 0)
  const availability = rowAvailability(item, shopper, redeemed, now)
  // A points shortfall is left to the hold below, which says how short and whether a debt is the cause.
  if (!availability.redeemable && availability.reason !== 'points_short') {
    throw new AppError(refusal[availability.reason as Exclude<typeof availability.reason, 'points_short'>], {
      itemId: item.id,
      reason: availability.message,
    })
  }
  if (item.per_member_limit !== null && redeemed + body.quantity > item.per_member_limit) {
    throw new AppError('MALL_LIMIT_REACHED', { itemId: item.id, limit: item.per_member_limit, redeemed })
  }
  if (item.fulfilment === 'delivery' && !body.delivery) throw new AppError('DELIVERY_ADDRESS_REQUIRED')
  const pickupOutletId = await pickupOutletFor(trx, memberId, item.fulfilment, body.pickupOutletId, openOutlets)
  if (item.cash_fen > 0 && !deps.payments)
    throw new AppError('PAYMENT_UNAVAILABLE', { reason: 'no payment provider configured' })

  const id = newId('rdm', now.getTime())
  const cashFen = item.cash_fen * body.quantity
  const paymentExpiresAt = new Date(now.getTime() + deps.mall.paymentTimeoutMinutes * 60_000)

  const images = JSON.parse(item.images) as string[]
  const row: RedemptionRow = {
    id,
    member_id: memberId,
    item_id: item.id,
    item_title: item.title,
    item_image: images[0] ?? null,
    fulfilment: item.fulfilment,
    quantity: body.quantity,
    points_cost: item.points_price * body.quantity,
    cash_fen: cashFen,
    status: 'pending_payment',
    hold_id: null,
    claim_id: null,
    // Our redemption id doubles as WeChat's out_trade_no (≤ 32 characters of letters, digits and _).
    out_trade_no: cashFen > 0 ? id : null,
    transaction_id: null,
    payment_expires_at: cashFen > 0 ? paymentExpiresAt.toISOString() : null,
    paid_at: null,
    closed_at: null,
    pickup_code: null,
    picked_up_at: null,
    picked_up_by: null,
    delivery: body.delivery ? JSON.stringify(body.delivery) : null,
    pickup_outlet_id: pickupOutletId,
    pickup_deadline: null,
    pickup_last_day: null,
    refund_no: null,
    refund_reason: null,
    needs_reconciliation: 0,
    shipped_at: null,
    shipping_carrier: null,
    tracking_no: null,
    shipped_by: null,
    business_day: businessDayOf(now, shopper.program.rules.calendar),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }
  if (cashFen > 0) {
    // Points plus cash: the points are held until the payment settles (or its time runs out).
    const hold = {
      memberId,
      points: row.points_cost,
      ref: { type: 'mall_redemption', id },
      expiresAt: paymentExpiresAt,
      now,
    }
    row.hold_id = await holdPoints(trx, hold, account)
    await trx.insertInto('mall_redemptions').values(row).execute()
  }
  // The view is built from the row as written rather than read back.
  const written = cashFen > 0 ? row : await completeAtOnce(trx, { row, item, account, program: shopper.program, now })
  const [placed] = await redemptionViews(trx, [written])
  faultPoint('mall_redeem:between_points_and_stock')
  await takeStock(trx, item.id, body.quantity)
  return placed
}
