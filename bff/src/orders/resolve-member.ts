import { AppError, type OrderEvent } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** The member an order event names: by member id, else openid, else phone. Unknown → 404 MEMBER_NOT_FOUND. */
export async function resolveOrderMember(db: Kysely<Database>, member: OrderEvent['data']['member']) {
  const query = db.selectFrom('members').select(['id', 'birthday'])
  const row = member.memberId
    ? await query.where('id', '=', member.memberId).executeTakeFirst()
    : member.openid
      ? await query.where('openid', '=', member.openid).executeTakeFirst()
      : await query.where('phone', '=', member.phone!).executeTakeFirst()
  if (!row) throw new AppError('MEMBER_NOT_FOUND', { member: Object.keys(member) })
  return row
}
