import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, withSchemaLock } from '../test/test-database'
import { bulkInsert } from './bulk-insert'
import { migrateToLatest } from './migrate'

const now = '2026-12-05T02:00:00.000Z'

const send = (n: number, key = `k${n}`) => ({
  id: `snd_${String(n).padStart(6, '0')}`,
  source_type: 'campaign' as const,
  source_id: 'cmp_1',
  member_id: 'mem_a',
  period: 'once',
  dedupe_key: key,
  arm: 'A' as const,
  outcome: 'sent' as const,
  business_day: '2026-12-05',
  decided_at: now,
})

describe('bulkInsert', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeAll(async () => {
    database = await openTestDatabase()
    await withSchemaLock('shared', () => migrateToLatest(database.db))
    await database.db
      .insertInto('members')
      .values({ id: 'mem_a', openid: 'o_a', nickname: 'A', created_at: now })
      .execute()
  })
  afterAll(() => database.drop())

  it('writes every row, past SQLite’s bound-parameter chunk, and returns nothing unless asked', async () => {
    // 10 columns: SQLite takes 3,000 rows per statement, so 7,001 rows are three statements.
    const rows = Array.from({ length: 7_001 }, (_, n) => send(n))
    const returned = await database.db.transaction().execute((trx) => bulkInsert(trx, 'engagement_sends', rows))
    expect(returned).toEqual([])
    const stored = await database.db.selectFrom('engagement_sends').select(['id', 'dedupe_key', 'decided_at']).execute()
    expect(stored).toHaveLength(7_001)
    expect(stored.find((r) => r.id === 'snd_007000')?.dedupe_key).toBe('k7000')
  })

  it('skips repeats of the conflict column (within the rows, against the table) returns the written', async () => {
    const rows = [send(8_000, 'k1'), send(8_001, 'fresh-1'), send(8_002, 'fresh-1'), send(8_003, 'fresh-2')]
    const written = await database.db
      .transaction()
      .execute((trx) =>
        bulkInsert(trx, 'engagement_sends', rows, { onConflictDoNothing: 'dedupe_key', returning: 'id' }),
      )
    expect([...written].sort()).toEqual(['snd_008001', 'snd_008003'])
    const keys = await database.db
      .selectFrom('engagement_sends')
      .select('id')
      .where('dedupe_key', 'in', ['k1', 'fresh-1', 'fresh-2'])
      .orderBy('id')
      .execute()
    expect(keys.map((r) => r.id)).toEqual(['snd_000001', 'snd_008001', 'snd_008003'])
  })

  it('without the conflict clause a repeated unique key fails the whole insert and writes nothing', async () => {
    const before = await database.db
      .selectFrom('engagement_sends')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    await expect(
      database.db
        .transaction()
        .execute((trx) => bulkInsert(trx, 'engagement_sends', [send(9_000, 'new'), send(9_001, 'k2')])),
    ).rejects.toThrow()
    const after = await database.db
      .selectFrom('engagement_sends')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})
