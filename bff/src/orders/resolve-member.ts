import { AppError, type OrderEvent } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The member an order event names: by member id, else openid, else phone. Unknown → 404 MEMBER_NOT_FOUND. */
export async function resolveOrderMember(db: Kysely<Database>, member: OrderEvent['data']['member']) {
  const query = db.selectFrom('members').select(['id', 'birthday', 'closed_at'])
  const row = member.memberId
    ? await query.where('id', '=', member.memberId).executeTakeFirst()
    : member.openid
      ? await query.where('openid', '=', member.openid).executeTakeFirst()
      : await query.where('phone', '=', member.phone!).executeTakeFirst()
  if (!row) throw new AppError('MEMBER_NOT_FOUND', { member: Object.keys(member) })
  return row
}

/**
 * Refuses new earning for a member who closed their account, as for an unknown one: the id no longer stands for a
 * person who could earn. What concerns orders from before the closing (refunds, completions) still applies, so the
 * ledger keeps following the shop's books.
 */
export function refuseIfClosed(row: { closed_at: string | null }): void {
  if (row.closed_at !== null) throw new AppError('MEMBER_NOT_FOUND', { closed: true })
}
