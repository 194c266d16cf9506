import { sql, type Kysely } from 'kysely'
import { isPostgres } from './engine'

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
