import { sql, type Kysely } from 'kysely'
import { isPostgres } from './engine'
import type { Database } from './schema'

/**
 * Runs work that may take minutes per statement (migrations, nightly jobs, backfills, ledger verification)
 * without the request-sized timeouts of the pool (DATABASE_STATEMENT_TIMEOUT_MS and the idle-in-transaction one).
 * On PostgreSQL the work gets one connection of its own with both lifted, and they are reset before it goes back
 * to the pool. SQLite has no statement timeout, and its single connection must stay shared, so there the work
 * simply runs on `db`.
 */
export async function withLongStatements<DB, T>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work(db)
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection)
    await sql`set idle_in_transaction_session_timeout = 0`.execute(connection)
    try {
      return await work(connection)
    } finally {
      // Back to the session defaults the pool opened the connection with.
      await sql`reset statement_timeout`.execute(connection)
      await sql`reset idle_in_transaction_session_timeout`.execute(connection)
    }
  })
}

/**
 * Inside a nightly job's transaction on PostgreSQL: room for its whole-table aggregates. The default 4 MB per hash
 * or sort made the per-member aggregates spill to disk (the orders' grouping took 5 s of 23 at a million orders).
 * No parallel workers either: the nightly snapshot and scoring already run side by side, and the parallel plans
 * chosen for them had every worker build the same hash tables again (benefit reach 4.9 → 8.8 s, category tags 9.8 →
 * 12.5 s with two workers, at a million members on two cores). Both are `local`, so they end with the transaction.
 * (JIT, which compiled these one-off statements for 8 s at ten million orders, is off for every connection of the
 * pool: see createPgPool.) Nothing to do on SQLite.
 */
export async function roomForAggregates(trx: Kysely<Database>): Promise<void> {
  if (!isPostgres(trx)) return
  await sql`set local work_mem = '256MB'`.execute(trx)
  await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
}
