import type { BusinessDay, EntryKind, TaskAmounts } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/**
 * What one kind of task credited a member on one business day, per ledger. Corrections of those entries count
 * against it too, so a review taken back frees its share of the day's cap.
 */
export async function earnedOnDay(
  db: Kysely<Database>,
  memberId: string,
  kind: EntryKind,
  day: BusinessDay,
): Promise<TaskAmounts> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['ledger', (eb) => eb.fn.sum<number>('amount').as('total')])
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .where('business_day', '=', day)
    .groupBy('ledger')
    .execute()
  const of = (ledger: 'growth' | 'points') => Math.max(0, Number(rows.find((r) => r.ledger === ledger)?.total ?? 0))
  return { growth: of('growth'), points: of('points') }
}
