import { CompiledQuery, sql, type Insertable, type Transaction } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'

/**
 * Inserts many rows of one table in as few statements as each engine does best. PostgreSQL gets the rows as one
 * JSON parameter: it parses and plans a VALUES list of 20,000 parameters more slowly than it inserts the rows
 * (about twice the time per batch, measured), while `json_populate_recordset` types every field by the table's
 * own row type. SQLite, in-process, gets multi-row VALUES kept under its bound-parameter limit.
 * All rows must have the same keys; the first row's keys are the column list.
 */
export async function bulkInsert<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  if (isPostgres(trx)) {
    const list = sql.join(columns.map((column) => sql.ref(column)))
    await sql`insert into ${sql.table(table)} (${list})
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
      trx,
    )
    return
  }
  // Plain SQL text with `?` markers: building Kysely's query tree for thousands of rows costs more than SQLite
  // takes to insert them, and a full chunk's text repeats, so its prepared statement is reused from the cache.
  const size = Math.max(1, Math.floor(30_000 / columns.length))
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const head = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values `
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size) as Record<string, unknown>[]
    const parameters: unknown[] = []
    for (const row of part) for (const column of columns) parameters.push(row[column] ?? null)
    await trx.executeQuery(CompiledQuery.raw(head + Array(part.length).fill(tuple).join(', '), parameters))
  }
}
