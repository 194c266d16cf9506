import { AppError, newId, type OrderEvent } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import type { Deps } from '../../deps'
import { claimBenefit } from '../../benefits/claim-benefit'
import { useCoupon } from '../../benefits/use-coupon'
import { redeemItem } from '../../mall/redeem-item'
import { applyOrderEvent } from '../../orders/apply-order-event'
import { publishedProgram, type PublishedProgram } from '../../program/published-program'
import { makeUpSignIn } from '../../sign-in/make-up-sign-in'
import { signInToday } from '../../sign-in/sign-in-today'
import { recordTierChange } from '../../tiers/member-tier'

/**
 * The shopper and shop actions of the demo year, each through the same function the route calls, at a simulated
 * `now`. A refusal the product would answer (a benefit not unlocked, too few points, a make-up outside the month)
 * is what a real shopper would meet too, so it is skipped rather than forced.
 */

/** Who a member is at join time; the same columns the join route writes. */
export interface DemoJoin {
  phone: string
  nickname: string
  birthday: string | null
  outlet: string | null
}

export async function joinAt(db: Kysely<Database>, member: DemoJoin, now: Date): Promise<string> {
  return db.transaction().execute(async (trx) => insertDemoMember(trx, member, await publishedProgram(trx), now))
}

/** A demo member joined at `now` in the lowest tier, as joining writes them; in the caller's transaction. */
export async function insertDemoMember(
  trx: Transaction<Database>,
  member: DemoJoin,
  program: PublishedProgram,
  now: Date,
): Promise<string> {
  const id = newId('mbr', now.getTime())
  const at = now.toISOString()
  await trx
    .insertInto('members')
    .values({
      id,
      openid: null,
      unionid: null,
      phone: member.phone,
      nickname: member.nickname,
      birthday: member.birthday,
      joined_at: at,
      source_outlet_id: member.outlet,
      source_channel: member.outlet ? 'outlet_qr' : 'shop',
      created_at: at,
    })
    .execute()
  await recordTierChange(trx, {
    memberId: id,
    change: { kind: 'join', state: { key: program.rules.tiers[0].key, validUntil: null } },
    growth: 0,
    program,
    now,
  })
  return id
}

/** One order event as the webhook (source online) or the till (source outlet) applies it, in its own transaction. */
export async function orderEventAt(
  db: Kysely<Database>,
  event: OrderEvent,
  source: 'online' | 'outlet',
  now: Date,
): Promise<{ growth: number; points: number }> {
  return db.transaction().execute(async (trx) => {
    const program = await publishedProgram(trx)
    const { body } = await applyOrderEvent({ trx, program, now, source }, event)
    return { growth: body.growth, points: body.points }
  })
}

/** The handful of `Deps` the shopper use-cases read, with the simulated clock; the rest are never touched. */
function simulatedDeps(db: Kysely<Database>, now: Date): Deps {
  const deps: Pick<Deps, 'db' | 'clock' | 'payments' | 'mall'> = {
    db,
    clock: { now: () => now },
    payments: null,
    mall: { paymentTimeoutMinutes: 15 },
  }
  return deps as Deps
}

/** Runs a use-case, turning the refusals a real shopper could meet into `false`; anything else is a bug and throws. */
async function unlessRefused(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action()
    return true
  } catch (error) {
    if (error instanceof AppError) return false
    throw error
  }
}

export const signInAt = (db: Kysely<Database>, memberId: string, now: Date) =>
  unlessRefused(() => signInToday(simulatedDeps(db, now), memberId))

export const makeUpAt = (db: Kysely<Database>, memberId: string, day: string, now: Date) =>
  unlessRefused(() => makeUpSignIn(simulatedDeps(db, now), memberId, day))

export const claimAt = (db: Kysely<Database>, memberId: string, benefitKey: string, now: Date) =>
  unlessRefused(() => claimBenefit(db, memberId, benefitKey, now))

/** `pickupOutletId`: the store a pickup item is collected at (the product asks for one when there are several). */
export const redeemAt = (
  db: Kysely<Database>,
  redemption: { memberId: string; itemId: string; pickupOutletId?: string },
  key: string,
  now: Date,
) => {
  const { memberId, ...body } = redemption
  return unlessRefused(() => redeemItem(simulatedDeps(db, now), memberId, { ...body, quantity: 1 }, key, now))
}

/**
 * Uses the member's best available coupon of `kind` on an order (the shop checks it before charging), and answers
 * the discount taken off, 0 when there is none to use.
 */
export async function useBestCouponAt(
  db: Kysely<Database>,
  input: { memberId: string; orderId: string; orderAmountFen: number; kind: 'cash_off' | 'free_shipping' },
  now: Date,
): Promise<number> {
  const coupon = await db
    .selectFrom('coupons')
    .select('code')
    .where('member_id', '=', input.memberId)
    .where('status', '=', 'available')
    .where('kind', '=', input.kind)
    .where('threshold_fen', '<=', input.orderAmountFen)
    .where('valid_from', '<=', now.toISOString())
    .where('valid_until', '>', now.toISOString())
    .orderBy('discount_fen', 'desc')
    .orderBy('valid_until')
    .limit(1)
    .executeTakeFirst()
  if (!coupon) return 0
  try {
    const use = { orderId: input.orderId, orderAmountFen: input.orderAmountFen, member: { memberId: input.memberId } }
    const used = await useCoupon(db, coupon.code, use, now)
    return input.kind === 'cash_off' ? used.discountFen : 0
  } catch (error) {
    if (error instanceof AppError) return 0
    throw error
  }
}
