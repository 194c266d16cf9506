import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../test/test-database'
import { openDatabase, type OpenDatabase } from './database'

/** A promise and the function that settles it, so a spec can hold a transaction open at a chosen point. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.runIf(testDatabaseKind() === 'sqlite')('the SQLite driver takes turns fairly', () => {
  let path: string
  let database: OpenDatabase
  let db: Kysely<any>
  beforeEach(async () => {
    path = join(tmpdir(), `mc-turns-${process.pid}-${Date.now()}.db`)
    database = openDatabase(path)
    db = database.db as Kysely<any>
    await sql`create table t (id integer primary key, v text not null)`.execute(db)
  })
  afterEach(async () => {
    await database.close()
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true })
  })

  const insert = (executor: Kysely<any>, id: number) =>
    executor
      .insertInto('t')
      .values({ id, v: `v${id}` })
      .execute()
  const ids = async () => (await db.selectFrom('t').select('id').orderBy('id').execute()).map((row) => row.id)

  it('answers a read outside a transaction while one holds the writer, with committed rows only', async () => {
    await insert(db, 1)
    const hold = gate()
    const holder = db.transaction().execute(async (trx) => {
      await insert(trx, 2)
      await hold.opened
    })
    await sleep(10)
    // The holder's uncommitted row is not visible, and the read does not wait for it to finish.
    expect(await ids()).toEqual([1])
    hold.open()
    await holder
    expect(await ids()).toEqual([1, 2])
  })

  it('shows a transaction committed into the open group to reads only once its COMMIT is durable', async () => {
    const hold = gate()
    let firstDurable = false
    // The first transaction commits into the group and hands the writer to the second, which then waits.
    const first = db
      .transaction()
      .execute((trx) => insert(trx, 1))
      .then(() => {
        firstDurable = true
      })
    const second = db.transaction().execute(async (trx) => {
      await insert(trx, 2)
      await hold.opened
    })
    await sleep(10)
    expect(firstDurable).toBe(false)
    expect(await ids()).toEqual([])
    hold.open()
    await Promise.all([first, second])
    expect(await ids()).toEqual([1, 2])
  })

  it('gives the writer to transactions in the order they asked for it', async () => {
    const hold = gate()
    const holder = db.transaction().execute(async (trx) => {
      await insert(trx, 0)
      await hold.opened
    })
    const order: number[] = []
    const queued = Array.from({ length: 20 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        order.push(i + 1)
        await insert(trx, i + 1)
      }),
    )
    hold.open()
    await Promise.all([holder, ...queued])
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(await ids()).toHaveLength(21)
  })

  it('makes a group durable within one round of the queue while holders wait on the network', async () => {
    const events: string[] = []
    const secondHeld = gate()
    // Every transaction after the first holds the writer across a timer, as one awaiting a remote call would.
    const slow = (id: number) =>
      db.transaction().execute(async (trx) => {
        await insert(trx, id)
        await sleep(5)
        if (id === 2) secondHeld.open()
        events.push(`end ${id}`)
      })
    const first = db
      .transaction()
      .execute((trx) => insert(trx, 1))
      .then(() => events.push('1 durable'))
    const early = [2, 3, 4].map(slow)
    // By the time 2 has held the writer across a timer, the event loop has turned and the COMMIT is queued.
    await secondHeld.opened
    const late = [5, 6, 7, 8].map(slow)
    await Promise.all([first, ...early, ...late])
    // The COMMIT queued behind 3 and 4, which were already waiting, and ahead of everyone who came later.
    expect(events.indexOf('1 durable')).toBeLessThan(events.indexOf('end 5'))
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('still serves every read and write correctly when 200 callers mix them', async () => {
    const work = Array.from({ length: 200 }, async (_, i) => {
      if (i % 3 === 0) return db.transaction().execute((trx) => insert(trx, i))
      if (i % 3 === 1) return insert(db, i)
      return db.selectFrom('t').select('id').execute()
    })
    await Promise.all(work)
    expect(await ids()).toHaveLength(134)
  })
})
