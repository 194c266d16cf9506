import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testDatabaseKind, withSchemaLock } from '../test/test-database'
import { migrateToLatest } from './migrate'
import { namedStatementName, registerNamedStatement } from './pg-named-statements'
import { preparedQuery } from './prepared-query'

const membersNamed = preparedQuery<{ prefix: string; limit: number }>()((db, p) =>
  db.selectFrom('members').select(['id', 'nickname']).where('id', 'like', p.prefix).orderBy('id').limit(p.limit),
)

const renameMember = preparedQuery<{ id: string; nickname: string }>()((db, p) =>
  db.updateTable('members').set({ nickname: p.nickname }).where('id', '=', p.id),
)

describe.runIf(testDatabaseKind() === 'postgres')('named prepared statements on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => {
    database = await openTestDatabase()
    await withSchemaLock('shared', () => migrateToLatest(database.db))
    const now = new Date().toISOString()
    await database.db
      .insertInto('members')
      .values(['m1', 'm2', 'm3', 'x1'].map((id) => ({ id, openid: id, nickname: id, created_at: now })))
      .execute()
  })
  afterAll(() => database.drop())

  const preparedInSession = (trx: typeof database.db) =>
    sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`
      .execute(trx)
      .then((result) => result.rows)

  it('runs a registered statement under its hash name, prepared once per session, with the plain result', async () => {
    const text = membersNamed.sqlFor(database.db)
    const plain = await database.db
      .selectFrom('members')
      .select(['id', 'nickname'])
      .where('id', 'like', 'm%')
      .orderBy('id')
      .limit(2)
      .execute()
    await database.db.transaction().execute(async (trx) => {
      const first = await membersNamed.execute(trx, { prefix: 'm%', limit: 2 })
      const again = await membersNamed.execute(trx, { prefix: 'm%', limit: 3 })
      expect(first).toEqual(plain)
      expect(again.map((row) => row.id)).toEqual(['m1', 'm2', 'm3'])
      expect(await renameMember.affected(trx, { id: 'x1', nickname: 'renamed' })).toBe(1n)
      const prepared = await preparedInSession(trx)
      expect(prepared).toContainEqual({ name: namedStatementName(text), statement: text })
      expect(prepared.map((row) => row.name)).toContain(namedStatementName(renameMember.sqlFor(trx)))
      // Kysely's own queries, and the transaction's begin, stay unnamed.
      expect(prepared).toHaveLength(2)
    })
    const renamed = await database.db.selectFrom('members').select('nickname').where('id', '=', 'x1').executeTakeFirst()
    expect(renamed?.nickname).toBe('renamed')
  })

  it('never names a DDL statement', () => {
    const ddl = database.db.schema.createTable('never_named').addColumn('id', 'integer').compile()
    expect(registerNamedStatement(ddl.query, ddl.sql)).toBe(false)
    const select = database.db.selectFrom('members').select('id').compile()
    expect(registerNamedStatement(select.query, select.sql)).toBe(true)
  })

  it('keeps many concurrent executions correct over the pool, each connection preparing its own', async () => {
    const limits = Array.from({ length: 40 }, (_, i) => 1 + (i % 4))
    const results = await Promise.all(limits.map((limit) => membersNamed.execute(database.db, { prefix: '%', limit })))
    expect(results.map((rows) => rows.length)).toEqual(limits)
  })
})
