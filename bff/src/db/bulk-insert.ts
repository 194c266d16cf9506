import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'

/** A unique column whose repeats are skipped (`on conflict (…) do nothing`), as Kysely's `onConflict` would. */
export interface BulkInsertOptions<
  T extends keyof Database & string,
  K extends keyof Selectable<Database[T]> & string,
> {
  onConflictDoNothing?: keyof Database[T] & string
  /** Returns this column of the rows actually written (not of those skipped as repeats). */
  returning?: K
}

/**
 * Inserts many rows of one table in as few statements as each engine does best. PostgreSQL gets the rows as one
 * JSON parameter: it parses and plans a VALUES list of 20,000 parameters more slowly than it inserts the rows
 * (about twice the time per batch, measured), while `json_populate_recordset` types every field by the table's
 * own row type. SQLite, in-process, gets multi-row VALUES kept under its bound-parameter limit.
 * All rows must have the same keys; the first row's keys are the column list. Returns the `returning` column of
 * the rows written, in no particular order (empty without `returning`).
 */
export async function bulkInsert<
  T extends keyof Database & string,
  K extends keyof Selectable<Database[T]> & string = never,
>(
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
  options: BulkInsertOptions<T, K> = {},
): Promise<Selectable<Database[T]>[K][]> {
  if (rows.length === 0) return []
  const columns = Object.keys(rows[0])
  const tail = [
    options.onConflictDoNothing ? ` on conflict ("${options.onConflictDoNothing}") do nothing` : '',
    options.returning ? ` returning "${options.returning}"` : '',
  ].join('')
  const returned = (result: { rows: unknown[] }) =>
    options.returning ? result.rows.map((r) => (r as Selectable<Database[T]>)[options.returning as K]) : []
  if (isPostgres(trx)) {
    const list = sql.join(columns.map((column) => sql.ref(column)))
    const result = await sql`insert into ${sql.table(table)} (${list})
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)
      ${sql.raw(tail)}`.execute(trx)
    return returned(result)
  }
  // Plain SQL text with `?` markers: building Kysely's query tree for thousands of rows costs more than SQLite
  // takes to insert them, and a full chunk's text repeats, so its prepared statement is reused from the cache.
  const size = Math.max(1, Math.floor(30_000 / columns.length))
  const tuple = `(${columns.map(() => '?').join(', ')})`
  const head = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values `
  const out: Selectable<Database[T]>[K][] = []
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size) as Record<string, unknown>[]
    const parameters: unknown[] = []
    for (const row of part) for (const column of columns) parameters.push(row[column] ?? null)
    const text = head + Array(part.length).fill(tuple).join(', ') + tail
    out.push(...returned(await trx.executeQuery(CompiledQuery.raw(text, parameters))))
  }
  return out
}
