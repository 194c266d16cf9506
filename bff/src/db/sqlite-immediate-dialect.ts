import type BetterSqlite3 from 'better-sqlite3'
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type Kysely,
  type QueryCompiler, type QueryResult,
} from 'kysely'

/** How many distinct SQL texts keep a prepared statement; the app has far fewer, so the bound only guards leaks. */
const statementCacheSize = 500

/**
 * A better-sqlite3 connection that keeps prepared statements. Kysely's own SQLite driver prepares every
 * statement again on each call, which makes point reads about three times slower than a cached statement.
 */
class CachedStatementConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database
  readonly #statements = new Map<string, BetterSqlite3.Statement>()

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
  }

  #statement(sqlText: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sqlText)
    if (statement) {
      this.#statements.delete(sqlText) // re-insert to mark as recently used
    } else {
      statement = this.#db.prepare(sqlText)
      if (this.#statements.size >= statementCacheSize) this.#statements.delete(this.#statements.keys().next().value!)
    }
    this.#statements.set(sqlText, statement)
    return statement
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#statement(compiled.sql)
    const parameters = compiled.parameters as unknown[]
    if (statement.reader) return { rows: statement.all(parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#statement(compiled.sql)
    for (const row of statement.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] }
  }
}

/**
 * SQLite's plain BEGIN takes the write lock lazily, so a read-then-write transaction can fail with SQLITE_BUSY
 * when another process (a CLI job beside the server) wrote in between. BEGIN IMMEDIATE takes it up front and
 * waits under busy_timeout instead. One connection serves the process, handed out one caller at a time.
 */
class ImmediateSqliteDriver implements Driver {
  readonly #connection: CachedStatementConnection
  readonly #db: BetterSqlite3.Database
  #queue: Promise<void> = Promise.resolve()

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
    this.#connection = new CachedStatementConnection(db)
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    // A promise chain as a mutex: each caller waits for the previous holder's release.
    const previous = this.#queue
    let release!: () => void
    this.#queue = new Promise((resolve) => { release = resolve })
    this.#releases.push(release)
    return previous.then(() => this.#connection)
  }

  readonly #releases: Array<() => void> = []

  async releaseConnection(): Promise<void> {
    this.#releases.shift()?.()
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    this.#db.close()
  }
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
  }

  createDriver(): Driver { return new ImmediateSqliteDriver(this.#db) }
  createQueryCompiler(): QueryCompiler { return new SqliteQueryCompiler() }
  createAdapter(): DialectAdapter { return new SqliteAdapter() }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector { return new SqliteIntrospector(db) }
}
