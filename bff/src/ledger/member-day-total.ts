import type { BusinessDay } from '@mc/shared'
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { entryIdFloor } from './ledger-rows'

/**
 * What a member's entries of business day `day` on one ledger that `which` picks add up to, never below zero: what a
 * daily cap has already given today. Read as a short range of the member's history index (member, ledger, id) from
 * the day's id floor; searched by a reference or business-day index instead, it walked every member's entries of
 * the day, a cost that grew with each sign-in through the day.
 */
export async function memberDayTotal(
  db: Kysely<Database>,
  memberId: string,
  ledger: LedgerName,
  day: BusinessDay,
  which: (eb: ExpressionBuilder<Database, 'ledger_entries'>) => Expression<SqlBool>,
): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<number>('amount').as('total'))
    .where('member_id', '=', memberId)
    .where('ledger', '=', ledger)
    .where('id', '>=', entryIdFloor(ledger, day))
    .where(which)
    .executeTakeFirst()
  return Math.max(0, Number(row?.total ?? 0))
}
