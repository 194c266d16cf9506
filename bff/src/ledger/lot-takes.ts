import { CompiledQuery, sql, type QueryCreator, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'

/** One lot's take: the lot and how many points leave it. */
export type LotTakeRow = { id: string; take: number }

/**
 * Takes points from lots in one statement, however many lots a spend reaches (a member's daily sign-in lots make
 * many small ones): the takes travel as one JSON parameter, so the statement's text is the same for any count and
 * stays one prepared statement, and the engine walks the rows.
 */
export async function takeFromLotsAtOnce(trx: Transaction<Database>, takes: LotTakeRow[]) {
  if (takes.length === 0) return
  if (isPostgres(trx)) {
    await lotTakesOnPostgres(trx, JSON.stringify(takes)).execute()
    return
  }
  const text = `update ledger_lots set remaining = remaining - t.take
      from (select value ->> 'id' as id, value ->> 'take' as take from json_each(?)) as t where ledger_lots.id = t.id`
  await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(takes)]))
}

/**
 * PostgreSQL's statement for a JSON array of `{ id, take }`, also run inside a posting's single statement
 * (`entryWithAccount`, posting-statements.ts). An empty array takes nothing.
 */
export const lotTakesOnPostgres = (qc: QueryCreator<Database>, takesJson: string) =>
  qc
    .updateTable('ledger_lots as l')
    .from(sql`json_to_recordset(${takesJson}::json)`.as<'t'>(sql`t(id text, take integer)`))
    .set({ remaining: sql`l.remaining - t.take` })
    .where(sql<boolean>`l.id = t.id`)
