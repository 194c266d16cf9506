import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseSettings } from '../env'
import { testDatabaseKind, testPgUrl } from '../test/test-database'
import { openDatabase, type OpenDatabase } from './database'
import { withLongStatements } from './long-statements'

describe('database settings', () => {
  it('default to a pool of 10, 30 s statements, 60 s idle transactions and named statements', () => {
    expect(databaseSettings({})).toEqual({
      DATABASE_POOL_SIZE: 10,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      DATABASE_IDLE_TIMEOUT_MS: 30_000,
      DATABASE_CONNECT_TIMEOUT_MS: 0,
      DATABASE_NAMED_STATEMENTS: true,
    })
  })

  it('read the environment and refuse a bad value', () => {
    const settings = databaseSettings({ DATABASE_POOL_SIZE: '25', DATABASE_NAMED_STATEMENTS: 'false', PORT: 'x' })
    expect(settings.DATABASE_POOL_SIZE).toBe(25)
    expect(settings.DATABASE_NAMED_STATEMENTS).toBe(false)
    expect(() => databaseSettings({ DATABASE_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/)
  })
})

describe.runIf(testDatabaseKind() === 'postgres')('the PostgreSQL pool', () => {
  let database: OpenDatabase
  beforeAll(() => {
    // One connection, so the spec sees the very session long work ran on go back to the pool.
    const settings = { ...databaseSettings({}), DATABASE_POOL_SIZE: 1, DATABASE_STATEMENT_TIMEOUT_MS: 300 }
    database = openDatabase(testPgUrl(), { settings })
  })
  afterAll(() => database.close())

  const timeouts = (db: OpenDatabase['db']) =>
    sql<{ statement: string; idle: string }>`select current_setting('statement_timeout') as statement,
      current_setting('idle_in_transaction_session_timeout') as idle`
      .execute(db)
      .then((result) => result.rows[0])

  it('cancels a statement that outruns the statement timeout', async () => {
    expect(await timeouts(database.db)).toEqual({ statement: '300ms', idle: '1min' })
    await expect(sql`select pg_sleep(1)`.execute(database.db)).rejects.toMatchObject({ code: '57014' })
  })

  it('lets long work run without the timeouts, then gives the connection back with them', async () => {
    const inside = await withLongStatements(database.db, async (db) => {
      await sql`select pg_sleep(0.6)`.execute(db)
      return timeouts(db)
    })
    expect(inside).toEqual({ statement: '0', idle: '0' })
    expect(await timeouts(database.db)).toEqual({ statement: '300ms', idle: '1min' })
  })

  it('runs without JIT, whose compile time dwarfed short statements planned on stale statistics', async () => {
    const jit = await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(database.db)
    expect(jit.rows[0].jit).toBe('off')
  })
})
