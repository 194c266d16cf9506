import { AppError, businessDayOf, newId, type RedeemBody, type RedeemResponse } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { faultPoint } from '../http/fault-injection'
import { runIdempotent } from '../http/idempotency'
import { lockAccount } from '../ledger/accounts'
import { holdPoints } from '../ledger/points-holds'
import { completeRedemption } from './complete-redemption'
import { takeStock } from './item-stock'
import { itemView, redeemedCounts, shopperOf } from './member-mall'
import { itemRowOrThrow } from './mall-items'
import { requestPayment } from './request-payment'
import { redemptionById, type RedemptionRow } from './redemption-view'

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
 * points shortfall leaves the stock. Points only completes in the same transaction; points plus cash stays
 * pending and asks the payment provider for an order after the commit, never while holding the write lock.
 */
export async function redeemItem(deps: RedeemDeps, memberId: string, body: RedeemBody, key: string, now: Date) {
  const result = await runIdempotent(
    deps.db,
    { scope: 'mall_redeem', key: `${memberId}:${key}`, body, now },
    async (trx) => ({
      status: 201,
      body: { redemptionId: await reserve(trx, deps, memberId, body, now) },
    }),
  )
  const { redemptionId } = result.body
  const redemption = await redemptionById(deps.db, redemptionId)
  const payment = redemption.status === 'pending_payment' ? await requestPayment(deps, redemptionId, now) : null
  const response: RedeemResponse = {
    redemption: payment ? payment.redemption : redemption,
    payment: payment?.payment ?? null,
  }
  return { status: result.replayed ? 200 : 201, body: response }
}

async function reserve(
  trx: Transaction<Database>,
  deps: RedeemDeps,
  memberId: string,
  body: RedeemBody,
  now: Date,
): Promise<string> {
  // The member's points account is locked first: it serialises this member's redemptions, so the
  // per-member limit counted below cannot be overtaken by a concurrent request of the same member.
  await lockAccount(trx, memberId, 'points')
  const item = await itemRowOrThrow(trx, body.itemId)
  const shopper = await shopperOf(trx, memberId)
  const redeemed = (await redeemedCounts(trx, memberId, [item.id])).get(item.id) ?? 0
  const view = itemView(item, shopper, redeemed, now)
  // A points shortfall is left to the hold below, which says how short and whether a debt is the cause.
  if (!view.availability.redeemable && view.availability.reason !== 'points_short') {
    throw new AppError(refusal[view.availability.reason as Exclude<typeof view.availability.reason, 'points_short'>], {
      itemId: item.id,
      reason: view.availability.message,
    })
  }
  if (item.per_member_limit !== null && redeemed + body.quantity > item.per_member_limit) {
    throw new AppError('MALL_LIMIT_REACHED', { itemId: item.id, limit: item.per_member_limit, redeemed })
  }
  if (item.fulfilment === 'delivery' && !body.delivery) throw new AppError('DELIVERY_ADDRESS_REQUIRED')
  if (item.cash_fen > 0 && !deps.payments)
    throw new AppError('PAYMENT_UNAVAILABLE', { reason: 'no payment provider configured' })

  const id = newId('rdm', now.getTime())
  const cashFen = item.cash_fen * body.quantity
  const paymentExpiresAt = new Date(now.getTime() + deps.mall.paymentTimeoutMinutes * 60_000)
  const holdId = await holdPoints(trx, {
    memberId,
    points: item.points_price * body.quantity,
    ref: { type: 'mall_redemption', id },
    expiresAt: paymentExpiresAt,
    now,
  })
  faultPoint('mall_redeem:between_points_and_stock')
  await takeStock(trx, item.id, body.quantity)

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
    status: cashFen > 0 ? 'pending_payment' : 'completed',
    hold_id: holdId,
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
    await trx.insertInto('mall_redemptions').values(row).execute()
  } else {
    // Inserted as pending so that completing it goes through the one conditional transition every settler uses.
    await trx
      .insertInto('mall_redemptions')
      .values({ ...row, status: 'pending_payment' })
      .execute()
    await completeRedemption(trx, { row, from: 'pending_payment', paid: null, program: shopper.program, now })
  }
  return id
}
