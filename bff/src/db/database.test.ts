import BetterSqlite3 from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../test/test-database'
import { databaseKind, openDatabase, openSqliteFile } from './database'
import { migrateToLatest } from './migrate'

const file = join(tmpdir(), `mc-db-test-${process.pid}-${Date.now()}.db`)

describe.runIf(testDatabaseKind() === 'sqlite')('SQLite setup', () => {
  afterAll(() => { for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true }) })

  it('opens with WAL, synchronous=FULL, a busy timeout and foreign keys', () => {
    const sqlite = openSqliteFile(file)
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    sqlite.close()
  })

  it('refuses to run where WAL is impossible', () => {
    expect(() => openSqliteFile(':memory:')).toThrow(/journal_mode=memory \(need wal\)/)
  })

  it('takes the write lock when a transaction begins (BEGIN IMMEDIATE)', async () => {
    const { db, close } = openDatabase(`sqlite:${file}`)
    await migrateToLatest(db)
    const other = new BetterSqlite3(file)
    other.pragma('busy_timeout = 0')
    await db.transaction().execute(async (trx) => {
      await sql`select count(*) from members`.execute(trx)
      expect(() => other.exec('begin immediate')).toThrow(/database is locked/)
    })
    other.exec('begin immediate')
    other.exec('rollback')
    other.close()
    await close()
  })
})

describe('database selection', () => {
  it.each([
    ['./data/member-center.db', 'sqlite'],
    ['sqlite:/tmp/x.db', 'sqlite'],
    ['postgres://u@h:5432/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
  ])('%s is %s', (url, kind) => {
    expect(databaseKind(url)).toBe(kind)
  })
})
