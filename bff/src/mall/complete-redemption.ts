import { AppError, businessDayOf, MallCouponSpec, newId, pickupDeadline } from '@mc/shared'
import { randomInt } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { paramsRow, preparedQuery } from '../db/prepared-query'
import { issueCoupons } from '../benefits/claim-benefit'
import { type CaptureEntry, capturePoints, type LockedAccount, spendAtOnce } from '../ledger/points-holds'
import { memberTierState } from '../tiers/member-tier'
import type { PublishedProgram } from '../program/published-program'
import type { MallItemRow } from './mall-items'
import type { RedemptionRow } from './redemption-view'

/** The benefit key a mall coupon's claim is filed under, so coupon analytics can tell mall coupons apart. */
export const mallCouponBenefitKey = 'points_mall'

/** Payment facts a points-plus-cash redemption completes with. */
export interface PaidWith {
  transactionId: string
  paidAt: string
}

/**
 * Settles a redemption whose hold is open: the hold becomes the spend entry, then the item is handed over
 * (coupon issued, pickup code assigned; a delivery waits for the merchant). The status change is conditioned
 * on `from`, so two settlers of the same redemption (a duplicate notice, the expiry job's query) cannot both
 * complete it; the loser gets `false` and writes nothing.
 */
export async function completeRedemption(
  trx: Transaction<Database>,
  input: {
    row: RedemptionRow
    from: RedemptionRow['status']
    paid: PaidWith | null
    program: PublishedProgram
    now: Date
  },
): Promise<boolean> {
  const { row, program, now } = input
  const item = await handoverFacts(trx, row)
  const pickup = row.fulfilment === 'pickup' ? await pickupHandover(trx, item, program, now) : noPickup
  const moved = await trx
    .updateTable('mall_redemptions')
    .set({
      status: 'completed',
      ...pickup,
      updated_at: now.toISOString(),
      closed_at: null,
      ...(input.paid ? { transaction_id: input.paid.transactionId, paid_at: input.paid.paidAt } : {}),
    })
    .where('id', '=', row.id)
    .where('status', '=', input.from)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) return false
  if (!row.hold_id) throw new Error(`redemption ${row.id} has no points hold to capture`)
  const today = businessDayOf(now, program.rules.calendar)
  await capturePoints(trx, row.hold_id, redemptionSpend(row, row.hold_id, program, today, now))
  if (row.fulfilment === 'coupon') await issueItemCoupons(trx, row, item, program, today, now)
  return true
}

/**
 * A points-only redemption completed in the transaction that places it: the points spent in one step (no hold to
 * open and capture again), the row written as completed with its pickup code, the coupon issued. What it leaves is
 * what placing it pending and `completeRedemption` leave, in fewer statements.
 */
export async function completeAtOnce(
  trx: Transaction<Database>,
  input: { row: RedemptionRow; item: HandoverFacts; account: LockedAccount; program: PublishedProgram; now: Date },
): Promise<RedemptionRow> {
  const { item, account, program, now } = input
  const today = businessDayOf(now, program.rules.calendar)
  const holdId = newId('phd', now.getTime())
  const row: RedemptionRow = {
    ...input.row,
    status: 'completed',
    hold_id: holdId,
    ...(input.row.fulfilment === 'pickup'
      ? { pickup_code: newPickupCode(), ...pickupWindow(item, program, now) }
      : noPickup),
  }
  const hold = { id: holdId, memberId: row.member_id, points: row.points_cost, ref: mallRef(row), now }
  await spendAtOnce(trx, hold, account, redemptionSpend(row, holdId, program, today, now))
  // The unique index decides whether a pickup code is free, rather than a read before the insert.
  while (!(await insertUnlessCodeTaken(trx, row))) row.pickup_code = newPickupCode()
  if (row.fulfilment === 'coupon') row.claim_id = await issueItemCoupons(trx, row, item, program, today, now)
  return row
}

/** What handing an item over needs of it: the pickup window, the coupon a coupon item issues. */
type HandoverFacts = Pick<MallItemRow, 'pickup_days' | 'coupon'>

async function handoverFacts(trx: Transaction<Database>, row: RedemptionRow): Promise<HandoverFacts> {
  if (row.fulfilment === 'delivery') return { pickup_days: 0, coupon: null }
  return trx
    .selectFrom('mall_items')
    .select(['pickup_days', 'coupon'])
    .where('id', '=', row.item_id)
    .executeTakeFirstOrThrow()
}

const mallRef = (row: RedemptionRow) => ({ type: 'mall_redemption', id: row.id })

/** The spend entry of a redemption's points, keyed by its hold so each hold is spent once. */
function redemptionSpend(
  row: RedemptionRow,
  holdId: string,
  program: PublishedProgram,
  today: string,
  now: Date,
): CaptureEntry {
  return {
    kind: 'redeem',
    reason: `积分兑换「${row.item_title}」×${row.quantity}`,
    actor: 'member',
    actorId: row.member_id,
    ref: mallRef(row),
    idempotencyKey: `mall_redemption:${row.id}:${holdId}`,
    ruleVersion: program.version,
    businessDay: today,
    occurredAt: now,
    now,
  }
}

/** Claims and issues a coupon item's coupons; answers the claim's id, also written on the redemption. */
async function issueItemCoupons(
  trx: Transaction<Database>,
  row: RedemptionRow,
  item: HandoverFacts,
  program: PublishedProgram,
  today: string,
  now: Date,
): Promise<string> {
  if (item.coupon === null)
    throw new AppError('MALL_ITEM_NOT_FOUND', { itemId: row.item_id, reason: 'coupon item without a coupon' })
  const spec = MallCouponSpec.parse(JSON.parse(item.coupon))
  const tier = await memberTierState(trx, row.member_id, program)
  const claimId = newId('bcl', now.getTime())
  // The claim's period is the redemption itself (its id's 16 random characters), so each redemption claims once.
  await trx
    .insertInto('benefit_claims')
    .values({
      id: claimId,
      member_id: row.member_id,
      benefit_key: mallCouponBenefitKey,
      period_key: row.id.slice(-16),
      tier_key: tier.key,
      rule_version: program.version,
      business_day: today,
      created_at: now.toISOString(),
    })
    .execute()
  await trx.updateTable('mall_redemptions').set({ claim_id: claimId }).where('id', '=', row.id).execute()
  await issueCoupons(
    trx,
    { member: { id: row.member_id }, tier: { key: tier.key }, program, today },
    {
      claimId,
      key: mallCouponBenefitKey,
      grant: { coupons: [{ ...spec, count: row.quantity }] },
      now,
    },
  )
  return claimId
}

const noPickup = { pickup_code: null, pickup_deadline: null, pickup_last_day: null }

/**
 * What a pickup gets when it becomes collectable: its code, and the deadline counted from today by the item's
 * pickup window as the item has it at handover (so a points-plus-cash order paid later counts from its payment).
 */
async function pickupHandover(
  trx: Transaction<Database>,
  item: HandoverFacts,
  program: PublishedProgram,
  now: Date,
): Promise<{ pickup_code: string; pickup_deadline: string; pickup_last_day: string }> {
  return { pickup_code: await freshPickupCode(trx), ...pickupWindow(item, program, now) }
}

function pickupWindow(item: HandoverFacts, program: PublishedProgram, now: Date) {
  const { lastDay, deadline } = pickupDeadline(now, item.pickup_days, program.rules.calendar)
  return { pickup_deadline: deadline.toISOString(), pickup_last_day: lastDay }
}

const newPickupCode = () => String(randomInt(0, 10_000_000_000)).padStart(10, '0')

/**
 * Every column of a redemption row, for the prepared insert below to bind each one; typed as a record of them all,
 * so a column added to the table but not here stops the build instead of going unwritten.
 */
const redemptionColumnSet: Record<keyof RedemptionRow, true> = {
  id: true,
  member_id: true,
  item_id: true,
  item_title: true,
  item_image: true,
  fulfilment: true,
  quantity: true,
  points_cost: true,
  cash_fen: true,
  status: true,
  hold_id: true,
  claim_id: true,
  out_trade_no: true,
  transaction_id: true,
  payment_expires_at: true,
  paid_at: true,
  closed_at: true,
  pickup_code: true,
  picked_up_at: true,
  picked_up_by: true,
  delivery: true,
  refund_no: true,
  refund_reason: true,
  needs_reconciliation: true,
  shipped_at: true,
  shipping_carrier: true,
  tracking_no: true,
  shipped_by: true,
  pickup_outlet_id: true,
  pickup_deadline: true,
  pickup_last_day: true,
  business_day: true,
  created_at: true,
  updated_at: true,
}
const redemptionColumns = Object.keys(redemptionColumnSet) as (keyof RedemptionRow)[]

/**
 * Built and compiled once (a points-only redemption inserts a row of 34 columns each time): the row unless its
 * pickup code is taken.
 */
const redemptionUnlessCodeTaken = preparedQuery<RedemptionRow>()((db, p) =>
  db
    .insertInto('mall_redemptions')
    .values(paramsRow(p, redemptionColumns))
    .onConflict((oc) => oc.column('pickup_code').doNothing()),
)

/** Writes a completed redemption's row unless its pickup code is taken: false then, and the caller draws another. */
export async function insertUnlessCodeTaken(trx: Transaction<Database>, row: RedemptionRow): Promise<boolean> {
  return (await redemptionUnlessCodeTaken.affected(trx, row)) === 1n
}

/** Ten random digits not yet given to any redemption; the unique index backs the check. */
async function freshPickupCode(trx: Transaction<Database>): Promise<string> {
  for (;;) {
    const code = newPickupCode()
    const taken = await trx
      .selectFrom('mall_redemptions')
      .select('id')
      .where('pickup_code', '=', code)
      .executeTakeFirst()
    if (!taken) return code
  }
}
