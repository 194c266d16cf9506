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
  afterAll(() => {
    for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true })
  })

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

describe.runIf(testDatabaseKind() === 'sqlite')('the SQLite driver', () => {
  it('serves repeated statements correctly from its statement cache, in and out of transactions', async () => {
    const path = join(tmpdir(), `mc-driver-${process.pid}-${Date.now()}.db`)
    const { db, close } = openDatabase(path)
    await sql`create table t (id integer primary key, v text not null)`.execute(db)
    for (let i = 0; i < 600; i += 1)
      await db
        .insertInto('t' as any)
        .values({ id: i, v: `v${i}` })
        .execute()
    const reads = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        db
          .selectFrom('t' as any)
          .select('v')
          .where('id', '=', i)
          .executeTakeFirstOrThrow(),
      ),
    )
    expect(reads.map((r: any) => r.v)).toEqual(Array.from({ length: 600 }, (_, i) => `v${i}`))
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('t' as any)
          .set({ v: 'changed' })
          .where('id', '=', 1)
          .execute()
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(
      (
        (await db
          .selectFrom('t' as any)
          .select('v')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow()) as any
      ).v,
    ).toBe('v1')
    const streamed: unknown[] = []
    for await (const row of db
      .selectFrom('t' as any)
      .select('id')
      .where('id', '<', 3)
      .stream())
      streamed.push(row)
    expect(streamed).toHaveLength(3)
    await close()
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true })
  })
})
