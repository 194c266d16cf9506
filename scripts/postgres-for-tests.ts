import pg from 'pg'

/**
 * Decides whether the BFF suite also runs on PostgreSQL, and says at the top of the run which engines run.
 * PostgreSQL is required: a run that silently drops an engine proves less than it claims, so an unreachable
 * server fails the run at once unless the caller opted out with TEST_SKIP_POSTGRES=1.
 */
export async function postgresForTests(): Promise<{ url: string | null }> {
  const url = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const shown = url.replace(/\/\/[^@]*@/, '//')
  if (process.env.TEST_SKIP_POSTGRES === '1') {
    console.log('[db] engines: SQLite only (TEST_SKIP_POSTGRES=1)')
    return { url: null }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    console.log(`[db] engines: SQLite + PostgreSQL ${rows[0].server_version} (${shown})`)
    return { url }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = [
      `[db] PostgreSQL is required by the test run but ${shown} is unreachable: ${reason}`,
      '  Start it:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      '  or point TEST_PG_URL at a reachable server,',
      '  or run on SQLite only:  TEST_SKIP_POSTGRES=1',
    ].join('\n')
    // The message is the whole story; a stack into the config loader would only bury it.
    throw Object.assign(new Error(message), { stack: `Error: ${message}` })
  } finally {
    await client.end().catch(() => {})
  }
}
