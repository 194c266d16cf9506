import type { EntrySource } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The reference an entry was posted with: an order, an order's refund (`<order id>:<refund id>`), a redemption … */
export interface EntryRef {
  id: string
  ref_type: string | null
  ref_id: string | null
}

const redemptionRefs: ReadonlySet<string> = new Set(['mall_redemption', 'mall_redemption_late'])

/**
 * Order ids a refund reference may start with: both ids may hold a colon, so every prefix up to a colon is a
 * candidate, and the orders table says which one is real.
 */
function orderIdCandidates(ref: EntryRef): string[] {
  if (ref.ref_id === null) return []
  if (ref.ref_type === 'order') return [ref.ref_id]
  if (ref.ref_type !== 'refund') return []
  const candidates: string[] = []
  for (let at = ref.ref_id.indexOf(':'); at > 0; at = ref.ref_id.indexOf(':', at + 1))
    candidates.push(ref.ref_id.slice(0, at))
  return candidates
}

/**
 * Where each of a page of the member's entries came from, in the member's terms (the shop online or the store's
 * name, what was paid or refunded; the mall item redeemed), keyed by entry id. Three reads per page at most, all
 * limited to the member's own orders and redemptions.
 */
export async function entrySources(
  db: Kysely<Database>,
  memberId: string,
  refs: readonly EntryRef[],
): Promise<Map<string, EntrySource>> {
  const orderIds = [...new Set(refs.flatMap(orderIdCandidates))]
  const redemptionIds = [
    ...new Set(refs.filter((r) => r.ref_id !== null && redemptionRefs.has(r.ref_type ?? '')).map((r) => r.ref_id!)),
  ]
  const [orders, refunds, redemptions] = await Promise.all([
    orderIds.length === 0
      ? []
      : db
          .selectFrom('orders as o')
          .leftJoin('outlets as s', 's.id', 'o.outlet_id')
          .select(['o.order_id', 'o.source', 'o.paid_fen', 's.name as outlet_name'])
          .where('o.member_id', '=', memberId)
          .where('o.order_id', 'in', orderIds)
          .execute(),
    orderIds.length === 0
      ? []
      : db
          .selectFrom('order_refunds as r')
          .innerJoin('orders as o', 'o.order_id', 'r.order_id')
          .select(['r.order_id', 'r.refund_id', 'r.amount_fen'])
          .where('o.member_id', '=', memberId)
          .where('r.order_id', 'in', orderIds)
          .execute(),
    redemptionIds.length === 0
      ? []
      : db
          .selectFrom('mall_redemptions')
          .select(['id', 'item_title', 'quantity'])
          .where('member_id', '=', memberId)
          .where('id', 'in', redemptionIds)
          .execute(),
  ])
  const orderById = new Map(orders.map((o) => [o.order_id, o]))
  const refundByRef = new Map(refunds.map((r) => [`${r.order_id}:${r.refund_id}`, Number(r.amount_fen)]))
  const redemptionById = new Map(redemptions.map((r) => [r.id, r]))
  const sources = new Map<string, EntrySource>()
  for (const ref of refs) {
    const order = orderIdCandidates(ref)
      .map((id) => orderById.get(id))
      .find((o) => o !== undefined)
    if (order) {
      sources.set(ref.id, {
        type: 'order',
        channel: order.source,
        outletName: order.source === 'outlet' ? (order.outlet_name ?? null) : null,
        paidFen: Number(order.paid_fen),
        refundFen: ref.ref_type === 'refund' ? (refundByRef.get(ref.ref_id!) ?? null) : null,
      })
      continue
    }
    const redemption = ref.ref_id === null ? undefined : redemptionById.get(ref.ref_id)
    if (redemption && redemptionRefs.has(ref.ref_type ?? ''))
      sources.set(ref.id, { type: 'redemption', itemTitle: redemption.item_title, quantity: redemption.quantity })
  }
  return sources
}
