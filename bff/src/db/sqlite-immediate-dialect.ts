import type BetterSqlite3 from 'better-sqlite3'
import {
  type CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import { CachedStatementConnection, ReadConnection } from './sqlite-statements'

/** Most transactions one physical commit may carry, so a transaction's acknowledgement waits for a bounded few. */
const maxGroupSize = 32

/**
 * One caller's use of the database. Kysely hands it back on every call, so the driver knows whose turn it is.
 * A lease takes the writer's turn only when it needs it (a transaction or a write); its reads outside a
 * transaction go to the read connection and wait for nobody.
 */
class Lease implements DatabaseConnection {
  /** Inside a transaction this lease began and has not yet committed or rolled back. */
  inTransaction = false
  /** Its transaction committed into a group and passed the connection on; the lease is spent. */
  handedOff = false
  /** Holds the writer's turn, from its first transaction or write until it is released or hands off. */
  writing = false

  constructor(readonly driver: ImmediateSqliteDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, compiled)
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // A stream stays on the writer: an open iterator keeps its connection busy between rows.
    if (!this.writing) await this.driver.takeTurn(this)
    this.driver.beforeQuery(this)
    for (const row of this.driver.connection.statement(compiled.sql).iterate(compiled.parameters as unknown[]))
      yield { rows: [row as R] }
  }
}

/**
 * SQLite's plain BEGIN takes the write lock lazily, so a read-then-write transaction can fail with SQLITE_BUSY
 * when another process (a CLI job beside the server) wrote in between. BEGIN IMMEDIATE takes it up front and
 * waits under busy_timeout instead. One writing connection serves the process, its turn handed out one caller at
 * a time in arrival order; a second connection answers plain reads outside transactions (sqlite-statements.ts).
 *
 * Group commit: with synchronous=FULL every COMMIT waits for the disk, and that flush, not the SQL, bounds how
 * many transactions per second one connection can take. So a transaction that commits is released into the
 * open physical transaction (each runs in its own savepoint, so a rollback undoes only its own work) and the
 * connection is passed on; the COMMIT runs once the event loop has let every request that was already waiting
 * on the network run its transaction too, so one disk flush makes the whole group durable. Nobody is told
 * "committed" early: a transaction's commit resolves only after that COMMIT returns, and fails if it fails.
 * Transactions still run strictly one after another, each seeing the ones before it. No read outside a
 * transaction sees a write not yet durable: the read connection sees only committed transactions, and a write
 * outside a transaction commits the open group first.
 *
 * Tail latency: a read outside a transaction used to wait in the writer's queue (about 100 places deep at 100
 * connections) and then force a COMMIT, so each request paid one queue round per statement it read; now reads
 * never queue, only transactions and writes do, and a pending COMMIT takes its place in the queue.
 */
class ImmediateSqliteDriver implements Driver {
  readonly connection: CachedStatementConnection
  readonly #db: BetterSqlite3.Database
  /** Reads outside transactions; null for an in-memory database, whose reads then take the writer's turn. */
  readonly #reader: ReadConnection | null
  #busy = false
  /** Callers waiting for the writer's turn, served first come, first served. */
  readonly #waiting: Array<() => void> = []
  /** Transactions released into the open physical transaction, each waiting for its COMMIT. */
  #group: Array<{ durable: () => void; failed: (error: unknown) => void }> = []
  #commitScheduled = false
  #commitQueued = false

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
    this.connection = new CachedStatementConnection(db)
    this.#reader = ReadConnection.beside(db)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this)
  }

  /** Waits for the writer's turn, in arrival order. */
  async takeTurn(lease: Lease): Promise<void> {
    if (lease.handedOff) throw new Error('this connection was already released')
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    else this.#busy = true
    lease.writing = true
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    if (lease.handedOff || !lease.writing) return
    lease.writing = false
    this.#passOn()
    if (this.#group.length > 0) this.#scheduleCommit()
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    if (!lease.writing) await this.takeTurn(lease)
    if (!this.#db.inTransaction) this.#run('begin immediate')
    this.#run('savepoint mc_transaction')
    lease.inTransaction = true
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    this.#run('release mc_transaction')
    lease.inTransaction = false
    if (this.#group.length + 1 >= maxGroupSize) {
      const error = this.#commitGroup()
      if (error !== null) throw error
      return
    }
    const durable = new Promise<void>((resolve, reject) => this.#group.push({ durable: resolve, failed: reject }))
    lease.handedOff = true
    lease.writing = false
    this.#passOn()
    this.#scheduleCommit()
    return durable
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease
    // A spent lease's group has already failed as a whole, and a failed commit has already rolled back.
    if (lease.handedOff || !lease.inTransaction) return
    lease.inTransaction = false
    if (!this.#db.inTransaction) {
      // SQLite itself rolled the whole transaction back (I/O error, disk full): the group went with it.
      this.#failGroup(new Error('SQLite rolled back the transaction, and the transactions committed into it with it'))
      return
    }
    this.#run('rollback to mc_transaction')
    this.#run('release mc_transaction')
    if (this.#group.length === 0) this.#run('rollback')
  }

  async destroy(): Promise<void> {
    this.#commitGroup()
    this.#reader?.close()
    this.#db.close()
  }

  /**
   * Runs a statement for a lease. A plain read outside a transaction goes to the read connection at once;
   * anything else takes the writer's turn, and outside a transaction first makes the open group durable.
   */
  async execute<R>(lease: Lease, compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (lease.handedOff) throw new Error('this connection was already released')
    if (!lease.inTransaction && this.#reader !== null) {
      const read = this.#reader.tryRead<R>(compiled)
      if (read !== null) return read
    }
    if (!lease.writing) await this.takeTurn(lease)
    this.beforeQuery(lease)
    return this.connection.execute<R>(compiled)
  }

  beforeQuery(lease: Lease): void {
    if (lease.handedOff) throw new Error('this connection was already released')
    if (!lease.inTransaction) this.#commitGroup()
  }

  #run(sqlText: string): void {
    this.connection.statement(sqlText).run()
  }

  /** The next waiting caller gets the writer's turn, or it becomes free. */
  #passOn(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#busy = false
  }

  /**
   * Commits the group after the current turn of the event loop: setImmediate runs after the I/O callbacks
   * already due, so requests that arrived meanwhile get to join first. If the writer is taken by then, the
   * COMMIT queues for its turn behind those already waiting (not behind everyone who comes later), so a group
   * is durable after at most one round of the queue even while holders wait on the network mid-transaction.
   */
  #scheduleCommit(): void {
    if (this.#commitScheduled || this.#commitQueued) return
    this.#commitScheduled = true
    setImmediate(() => {
      this.#commitScheduled = false
      if (this.#group.length === 0) return
      if (!this.#busy) {
        this.#busy = true
        this.#commitInTurn()
        return
      }
      this.#commitQueued = true
      this.#waiting.push(() => {
        this.#commitQueued = false
        this.#commitInTurn()
      })
    })
  }

  /** Holding the writer's turn: COMMITs the open group, then passes the turn on. */
  #commitInTurn(): void {
    this.#commitGroup()
    this.#passOn()
  }

  /** COMMITs the open physical transaction, if any, and tells its group; returns the error if it failed. */
  #commitGroup(): unknown {
    if (!this.#db.inTransaction) return null
    const group = this.#group
    this.#group = []
    try {
      this.#run('commit')
    } catch (error) {
      if (this.#db.inTransaction) this.#run('rollback')
      for (const member of group) member.failed(error)
      return error
    }
    for (const member of group) member.durable()
    return null
  }

  #failGroup(error: unknown): void {
    const group = this.#group
    this.#group = []
    for (const member of group) member.failed(error)
  }
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
  }

  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#db)
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}
