import pg from 'pg'
import type { DatabaseSettings } from '../env'
import { useNamedStatements } from './pg-named-statements'

/**
 * The PostgreSQL pool behind Kysely. The timeouts are session defaults sent when a connection opens, so every
 * statement has them without a round trip; long work (migrations, nightly jobs) lifts them on its own connection
 * (`withLongStatements`), and `RESET` brings back these defaults afterwards.
 */
export function createPgPool(url: string, settings: DatabaseSettings, searchPath?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.DATABASE_POOL_SIZE,
    idleTimeoutMillis: settings.DATABASE_IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    // No JIT: the app's statements are short, and mid-batch, with a table grown by a million rows since it was last
    // analysed, the planner's inflated cost estimates made PostgreSQL compile a 1 ms lookup for 84 ms.
    // Given explicitly, `options` replaces PGOPTIONS (how a spawned instance gets its schema), so it carries it on.
    options: [process.env.PGOPTIONS, '-c jit=off', searchPath ? `-c search_path=${searchPath}` : undefined]
      .filter(Boolean)
      .join(' '),
  })
  if (settings.DATABASE_NAMED_STATEMENTS) pool.on('connect', useNamedStatements)
  // An idle connection the server dropped (restart, idle_session_timeout) is reported here and already removed
  // from the pool; without a listener Node would treat it as an unhandled error and exit the process.
  pool.on('error', () => {})
  return pool
}
