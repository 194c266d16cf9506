import type { BusinessDay, EntryKind, TaskAmounts } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { entryIdFloor } from '../ledger/ledger-rows'

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
  // A ledger at a time, each a range of the member's history index from the day's floor (see entryIdFloor).
  const of = async (ledger: LedgerName) => {
    const row = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('amount').as('total'))
      .where('member_id', '=', memberId)
      .where('ledger', '=', ledger)
      .where('id', '>=', entryIdFloor(ledger, day))
      .where('kind', '=', kind)
      .where('business_day', '=', day)
      .executeTakeFirst()
    return Math.max(0, Number(row?.total ?? 0))
  }
  return { growth: await of('growth'), points: await of('points') }
}
