import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase, type DatabaseKind, type OpenDatabase } from '../db/database'

export const testPgUrl = () => process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Which engine this vitest project runs the suite on; the root config runs it once per engine. */
export const testDatabaseKind = (): DatabaseKind => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite')

/**
 * A fresh, empty database for one test file: a temp SQLite file (the real WAL setup, not `:memory:`), or its own
 * PostgreSQL schema so parallel files never see each other's rows. `drop` removes it afterwards.
 */
/**
 * Kysely's migrator looks up tables across every schema of the database, so a file migrating its fresh schema
 * while another file drops its own can read a table whose schema vanished mid-query. Migrations share a
 * PostgreSQL advisory lock and drops take it alone, so the two never overlap; SQLite files need none.
 */
export async function withSchemaLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
  if (testDatabaseKind() !== 'postgres') return work()
  const client = new pg.Client({ connectionString: testPgUrl() })
  await client.connect()
  try {
    await client.query(
      mode === 'shared' ? 'select pg_advisory_lock_shared(7210001)' : 'select pg_advisory_lock(7210001)',
    )
    return await work()
  } finally {
    await client.end()
  }
}

export async function openTestDatabase(
  kind = testDatabaseKind(),
): Promise<OpenDatabase & { url: string; drop(): Promise<void> }> {
  const suffix = randomBytes(6).toString('hex')
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `mc-test-${suffix}.db`)
    const opened = openDatabase(file)
    return {
      ...opened,
      url: file,
      drop: async () => {
        await opened.close()
        for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true })
      },
    }
  }
  const schema = `t_${suffix}`
  const admin = openDatabase(testPgUrl())
  await sql`create schema ${sql.id(schema)}`.execute(admin.db)
  await admin.close()
  const opened = openDatabase(testPgUrl(), { searchPath: schema })
  return {
    ...opened,
    url: testPgUrl(),
    drop: async () => {
      await opened.close()
      const cleanup = openDatabase(testPgUrl())
      await withSchemaLock('exclusive', () => sql`drop schema ${sql.id(schema)} cascade`.execute(cleanup.db))
      await cleanup.close()
    },
  }
}
