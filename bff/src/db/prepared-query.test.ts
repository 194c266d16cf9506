import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { openTestDatabase, withSchemaLock } from '../test/test-database'
import { forUpdate } from './engine'
import { migrateToLatest } from './migrate'
import { preparedQuery } from './prepared-query'

const insertMember = preparedQuery<{ id: string; nickname: string; now: string }>()((db, p) =>
  db.insertInto('members').values({ id: p.id, openid: p.id, nickname: p.nickname, created_at: p.now }),
)

const openAccount = preparedQuery<{ memberId: string; balance: number }>()((db, p) =>
  db
    .insertInto('ledger_accounts')
    .values({ member_id: p.memberId, ledger: 'points', balance: p.balance, held: 0, version: 1 })
    .returning(['member_id', 'balance']),
)

/** The same parameter twice, a constant beside the parameters, and the engine's row lock from `db`. */
const accountAtLeast = preparedQuery<{ memberId: string; least: number }>()((db, p) =>
  forUpdate(
    db,
    db
      .selectFrom('ledger_accounts')
      .select(['member_id', 'balance', 'version'])
      .where('ledger', '=', 'points')
      .where('member_id', '=', p.memberId)
      .where((eb) => eb.or([eb('balance', '>=', p.least), eb('version', '>=', p.least)])),
  ),
)

const addPoints = preparedQuery<{ memberId: string; amount: number }>()((db, p) =>
  db
    .updateTable('ledger_accounts')
    .set({ balance: sql`balance + ${p.amount}`, version: sql`version + 1` })
    .where('member_id', '=', p.memberId)
    .where('ledger', '=', 'points'),
)

describe('prepared queries', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => {
    database = await openTestDatabase()
    await withSchemaLock('shared', () => migrateToLatest(database.db))
    const now = new Date().toISOString()
    for (const [id, balance] of [
      ['mem_a', 10],
      ['mem_b', 500],
    ] as const) {
      expect(await insertMember.affected(database.db, { id, nickname: id, now })).toBe(1n)
      expect(await openAccount.takeFirstOrThrow(database.db, { memberId: id, balance })).toEqual({
        member_id: id,
        balance,
      })
    }
  })
  afterAll(() => database.drop())

  it('binds named parameters wherever they appear and keeps the row type of the builder', async () => {
    const row = await accountAtLeast.takeFirst(database.db, { memberId: 'mem_b', least: 100 })
    expectTypeOf(row).toEqualTypeOf<{ member_id: string; balance: number; version: number } | undefined>()
    expect(row).toEqual({ member_id: 'mem_b', balance: 500, version: 1 })
    expect(await accountAtLeast.execute(database.db, { memberId: 'mem_a', least: 100 })).toEqual([])
    expect(await accountAtLeast.execute(database.db, { memberId: 'mem_a', least: 1 })).toHaveLength(1)
    await expect(accountAtLeast.takeFirstOrThrow(database.db, { memberId: 'nobody', least: 0 })).rejects.toThrow(
      /no result/i,
    )
  })

  it('compiles once per dialect into the SQL Kysely itself would run, parameters in place', async () => {
    const text = accountAtLeast.sqlFor(database.db)
    const direct = database.db
      .selectFrom('ledger_accounts')
      .select(['member_id', 'balance', 'version'])
      .where('ledger', '=', 'points')
      .where('member_id', '=', 'x')
      .where((eb) => eb.or([eb('balance', '>=', 1), eb('version', '>=', 1)]))
    expect(text).toBe(forUpdate(database.db, direct).compile().sql)
    expect(accountAtLeast.sqlFor(database.db)).toBe(text)
  })

  it('runs inside a transaction, sees its writes, and rolls back with it', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await addPoints.affected(trx, { memberId: 'mem_a', amount: 5 })).toBe(1n)
        const inside = await accountAtLeast.takeFirstOrThrow(trx, { memberId: 'mem_a', least: 0 })
        expect(inside.balance).toBe(15)
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect((await accountAtLeast.takeFirstOrThrow(database.db, { memberId: 'mem_a', least: 0 })).balance).toBe(10)
    await database.db.transaction().execute(async (trx) => {
      await addPoints.affected(trx, { memberId: 'mem_a', amount: 7 })
    })
    expect((await accountAtLeast.takeFirstOrThrow(database.db, { memberId: 'mem_a', least: 0 })).balance).toBe(17)
  })

  it('refuses a builder that spreads the parameter object, which would bind nothing', () => {
    const spread = preparedQuery<{ id: string; nickname: string }>()((db, p) => {
      const { id, nickname } = { ...p }
      return db.updateTable('members').set({ nickname }).where('id', '=', id)
    })
    expect(() => spread.sqlFor(database.db)).toThrow(/cannot be spread/)
  })

  it('keeps concurrent executions apart: each call binds its own parameters', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'mem_a' : 'mem_b'))
    const rows = await Promise.all(ids.map((memberId) => accountAtLeast.takeFirst(database.db, { memberId, least: 0 })))
    expect(rows.map((row) => row?.member_id)).toEqual(ids)
  })
})
