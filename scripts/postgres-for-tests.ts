import pg from 'pg'

/**
 * Decides whether the BFF suite also runs on PostgreSQL, and says so in the output either way. Locally an
 * unreachable server only skips that run; under CI it fails the whole run, since CI must prove both engines.
 */
export async function postgresForTests(): Promise<{ url: string | null }> {
  const url = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  if (process.env.TEST_SKIP_POSTGRES === '1') {
    console.log('[db] PostgreSQL run skipped (TEST_SKIP_POSTGRES=1)')
    return { url: null }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    console.log(`[db] BFF suite runs on SQLite and on PostgreSQL ${rows[0].server_version} at ${url.replace(/\/\/[^@]*@/, '//')}`)
    return { url }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (process.env.CI === 'true') throw new Error(`[db] CI needs PostgreSQL at ${url} but it is unreachable: ${reason}`)
    console.log(`[db] PostgreSQL unreachable at ${url} (${reason}); BFF suite runs on SQLite only`)
    return { url: null }
  } finally {
    await client.end().catch(() => {})
  }
}
