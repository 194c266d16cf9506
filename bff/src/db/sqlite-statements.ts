import BetterSqlite3 from 'better-sqlite3'
import type { CompiledQuery, QueryResult } from 'kysely'

/** How many distinct SQL texts keep a prepared statement; the app has far fewer, so the bound only guards leaks. */
const statementCacheSize = 500

/**
 * A better-sqlite3 connection that keeps prepared statements. Kysely's own SQLite driver prepares every
 * statement again on each call, which makes point reads about three times slower than a cached statement.
 */
export class CachedStatementConnection {
  readonly #db: BetterSqlite3.Database
  readonly #statements = new Map<string, BetterSqlite3.Statement>()

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
  }

  statement(sqlText: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(sqlText)
    if (cached) return cached
    // Oldest first out: the bound is never reached in practice, and a hit then costs one lookup, not three.
    if (this.#statements.size >= statementCacheSize) evictOldest(this.#statements)
    const statement = this.#db.prepare(sqlText)
    this.#statements.set(sqlText, statement)
    return statement
  }

  execute<R>(compiled: CompiledQuery): QueryResult<R> {
    return run<R>(this.statement(compiled.sql), compiled.parameters)
  }
}

function evictOldest<K, V>(map: Map<K, V>): void {
  const oldest = map.keys().next()
  if (!oldest.done) map.delete(oldest.value)
}

function run<R>(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (statement.reader) return { rows: statement.all(parameters as unknown[]) as R[] }
  const { changes, lastInsertRowid } = statement.run(parameters as unknown[])
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
}

/** A plain read: a SELECT (or WITH … SELECT) that SQLite itself says writes nothing. */
const readPrefix = /^\s*(select|with)\b/i

/**
 * A second connection to the same file for reads outside any transaction. In WAL mode it sees exactly the
 * committed transactions, and a commit becomes visible to it only after its WAL sync, so it never shows a write
 * that is not yet durable; it needs neither the writer's turn nor a group commit first. `query_only` makes any
 * write through it fail, as a guard.
 */
export class ReadConnection {
  readonly #connection: CachedStatementConnection
  readonly #db: BetterSqlite3.Database
  /** Per SQL text: its statement here if it is a plain read, else null (it runs on the writer). */
  readonly #reads = new Map<string, BetterSqlite3.Statement | null>()

  private constructor(db: BetterSqlite3.Database) {
    this.#db = db
    this.#connection = new CachedStatementConnection(db)
  }

  /** A reader beside `writer`, or null where there is no file to share (an in-memory database). */
  static beside(writer: BetterSqlite3.Database): ReadConnection | null {
    if (writer.memory || writer.name === '') return null
    const db = new BetterSqlite3(writer.name, { fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    db.pragma('query_only = ON')
    return new ReadConnection(db)
  }

  /** Runs a plain read and returns its result, or returns null for anything else. */
  tryRead<R>(compiled: CompiledQuery): QueryResult<R> | null {
    let statement = this.#reads.get(compiled.sql)
    if (statement === undefined) {
      const candidate = readPrefix.test(compiled.sql) ? this.#connection.statement(compiled.sql) : null
      statement = candidate?.readonly && candidate.reader ? candidate : null
      if (this.#reads.size >= statementCacheSize) evictOldest(this.#reads)
      this.#reads.set(compiled.sql, statement)
    }
    return statement === null ? null : run<R>(statement, compiled.parameters)
  }

  close(): void {
    this.#db.close()
  }
}
