import type { BusinessDay, EntryKind, TaskAmounts } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { memberDayTotal } from '../ledger/member-day-total'

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
  const of = (ledger: LedgerName) =>
    memberDayTotal(db, memberId, ledger, day, (eb) => eb.and([eb('kind', '=', kind), eb('business_day', '=', day)]))
  return { growth: await of('growth'), points: await of('points') }
}
