import { CompiledQuery, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'

/**
 * Takes points from lots in one statement, however many lots a spend reaches (a member's daily sign-in lots make
 * many small ones): the takes travel as one JSON parameter, so the statement's text is the same for any count and
 * stays one prepared statement, and the engine walks the rows.
 */
export async function takeFromLotsAtOnce(trx: Transaction<Database>, takes: Array<{ id: string; take: number }>) {
  if (takes.length === 0) return
  const text = isPostgres(trx)
    ? `update ledger_lots l set remaining = l.remaining - t.take
      from json_to_recordset($1::json) as t(id text, take integer) where l.id = t.id`
    : `update ledger_lots set remaining = remaining - t.take
      from (select value ->> 'id' as id, value ->> 'take' as take from json_each(?)) as t where ledger_lots.id = t.id`
  await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(takes)]))
}
