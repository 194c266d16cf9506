import { AppError, type TillApprovalsQuery, type TillPurchaseView, type TillRefusalBody } from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import { audit } from '../audit/audit'
import type { Principal } from '../auth/operator-principal'
import { assertOutletInScope } from '../auth/outlet-scope'
import { forUpdate } from '../db/engine'
import type { Database } from '../db/schema'
import type { Deps } from '../deps'
import { postTillPurchase } from './post-till-purchase'

const listLimit = 200

function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('till_purchases as p')
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .innerJoin('staff as s', 's.id', 'p.staff_id')
    .innerJoin('members as m', 'm.id', 'p.member_id')
    .leftJoin('coupons as c', 'c.id', 'p.coupon_id')
    .selectAll('p')
    .select(['o.name as outlet_name', 's.name as staff_name', 'm.nickname', 'c.name as coupon_name'])
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>

const tillPurchaseFromRow = (row: ViewRow): TillPurchaseView => ({
  id: row.id,
  orderId: row.order_id,
  status: row.status,
  outlet: { id: row.outlet_id, name: row.outlet_name },
  staff: { id: row.staff_id, name: row.staff_name },
  memberId: row.member_id,
  memberNickname: row.nickname,
  receiptNo: row.receipt_no,
  amountFen: row.amount_fen,
  discountFen: row.discount_fen,
  paidFen: row.paid_fen,
  couponName: row.coupon_name,
  hold: row.hold_reason && { reason: row.hold_reason, limitFen: row.hold_limit_fen ?? 0 },
  growth: row.growth,
  points: row.points,
  createdAt: row.created_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  refusalReason: row.refusal_reason,
})

/** Held till purchases (or decided ones), narrowed to one store when `outletId` is set: the queue oldest first. */
export async function listTillApprovals(
  db: Kysely<Database>,
  query: TillApprovalsQuery,
  outletId: string | null,
): Promise<TillPurchaseView[]> {
  let rows = viewQuery(db).where('p.status', '=', query.status)
  if (outletId !== null) rows = rows.where('p.outlet_id', '=', outletId)
  const found = await rows
    .orderBy('p.created_at', query.status === 'pending' ? 'asc' : 'desc')
    .orderBy('p.id')
    .limit(listLimit)
    .execute()
  return found.map(tillPurchaseFromRow)
}

/** The purchase row locked for a decision: 404 when unknown, 403 when another store's for a store manager. */
async function heldPurchase(trx: Transaction<Database>, principal: Pick<Principal, 'outletId'>, purchaseId: string) {
  const row = await forUpdate(
    trx,
    trx.selectFrom('till_purchases').selectAll().where('id', '=', purchaseId),
  ).executeTakeFirst()
  if (!row) throw new AppError('PURCHASE_NOT_FOUND', { purchaseId })
  assertOutletInScope(principal, row.outlet_id)
  return row
}

/**
 * Moves a pending purchase to its decision with one status-conditioned update, so of two decisions arriving at
 * once exactly one happens; the other is 409 PURCHASE_NOT_PENDING naming the status it found.
 */
async function decide(
  trx: Transaction<Database>,
  purchaseId: string,
  decision: { status: 'approved' | 'refused'; actor: string; now: Date; refusalReason: string | null },
) {
  const moved = await trx
    .updateTable('till_purchases')
    .set({
      status: decision.status,
      decided_by: decision.actor,
      decided_at: decision.now.toISOString(),
      refusal_reason: decision.refusalReason,
    })
    .where('id', '=', purchaseId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (moved.numUpdatedRows === 0n) {
    const now = await trx.selectFrom('till_purchases').select('status').where('id', '=', purchaseId).executeTakeFirst()
    throw new AppError('PURCHASE_NOT_PENDING', { purchaseId, status: now?.status })
  }
}

/**
 * Approves a held purchase: posted then through the same path as one within the limits (its original time as the
 * order's time), once, and audited with who approved it.
 */
export async function approveTillPurchase(
  deps: Pick<Deps, 'db' | 'clock'>,
  principal: Pick<Principal, 'actor' | 'outletId'>,
  purchaseId: string,
): Promise<TillPurchaseView> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await heldPurchase(trx, principal, purchaseId)
    await decide(trx, purchaseId, { status: 'approved', actor: principal.actor, now, refusalReason: null })
    const earned = await postTillPurchase(trx, {
      orderId: row.order_id,
      memberId: row.member_id,
      outletId: row.outlet_id,
      paidFen: row.paid_fen,
      occurredAt: row.created_at,
      now,
    })
    await trx
      .updateTable('till_purchases')
      .set({ growth: earned.growth, points: earned.points })
      .where('id', '=', purchaseId)
      .execute()
    await audit(trx, {
      actor: principal.actor,
      action: 'till.purchase.approve',
      targetType: 'till_purchase',
      targetId: purchaseId,
      detail: { orderId: row.order_id, outletId: row.outlet_id, paidFen: row.paid_fen, ...earned },
      now,
    })
  })
  return tillPurchaseFromRow(await viewQuery(deps.db).where('p.id', '=', purchaseId).executeTakeFirstOrThrow())
}

/** Refuses a held purchase: nothing is ever posted for it; the reason is kept and audited. */
export async function refuseTillPurchase(
  deps: Pick<Deps, 'db' | 'clock'>,
  principal: Pick<Principal, 'actor' | 'outletId'>,
  purchaseId: string,
  body: TillRefusalBody,
): Promise<TillPurchaseView> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const row = await heldPurchase(trx, principal, purchaseId)
    await decide(trx, purchaseId, { status: 'refused', actor: principal.actor, now, refusalReason: body.reason })
    await audit(trx, {
      actor: principal.actor,
      action: 'till.purchase.refuse',
      targetType: 'till_purchase',
      targetId: purchaseId,
      detail: { orderId: row.order_id, outletId: row.outlet_id, paidFen: row.paid_fen, reason: body.reason },
      now,
    })
  })
  return tillPurchaseFromRow(await viewQuery(deps.db).where('p.id', '=', purchaseId).executeTakeFirstOrThrow())
}
