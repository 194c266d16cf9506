import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database'
import { useTestApp } from '../test/test-app'
import { testDatabaseKind } from '../test/test-database'
import { accountBalances } from './accounts'
import { postEntry } from './post-entry'

const credit = (memberId: string, key: string) => ({
  memberId,
  ledger: 'growth' as const,
  amount: 10,
  kind: 'task' as const,
  reason: '测试',
  actor: 'system' as const,
  idempotencyKey: key,
  ruleVersion: 1,
  businessDay: '2026-11-23',
  occurredAt: new Date(),
  now: new Date(),
  credit: { expiresAt: null },
})

describe('ledger postings from several writers', () => {
  const t = useTestApp()
  let memberId: string
  beforeAll(async () => {
    const token = await t.joinedMember('13200000001')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })

  it.runIf(testDatabaseKind() === 'postgres')(
    'the harness can fail: a naive read-modify-write on PostgreSQL loses an update',
    async () => {
      // Two transactions read the balance, then both write read+10: the classic lost update.
      const second = openDatabase(process.env.TEST_PG_URL!, {
        searchPath: (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s,
      })
      await t.db
        .insertInto('ledger_accounts')
        .values({ member_id: memberId, ledger: 'points', balance: 0, held: 0, version: 0 })
        .execute()
      const read = (db: typeof t.db) =>
        db
          .selectFrom('ledger_accounts')
          .select('balance')
          .where('member_id', '=', memberId)
          .where('ledger', '=', 'points')
          .executeTakeFirstOrThrow()
      let releaseFirst!: () => void
      const firstMayWrite = new Promise<void>((resolve) => {
        releaseFirst = resolve
      })
      const a = t.db.transaction().execute(async (trx) => {
        const { balance } = await read(trx)
        await firstMayWrite
        await trx
          .updateTable('ledger_accounts')
          .set({ balance: balance + 10 })
          .where('member_id', '=', memberId)
          .where('ledger', '=', 'points')
          .execute()
      })
      await second.db.transaction().execute(async (trx) => {
        const { balance } = await read(trx)
        releaseFirst()
        await a
        await trx
          .updateTable('ledger_accounts')
          .set({ balance: balance + 10 })
          .where('member_id', '=', memberId)
          .where('ledger', '=', 'points')
          .execute()
      })
      expect((await read(t.db)).balance).toBe(10) // 20 was posted; 10 survived
      await t.db
        .deleteFrom('ledger_accounts')
        .where('member_id', '=', memberId)
        .where('ledger', '=', 'points')
        .execute()
      await second.close()
    },
  )

  it('postEntry with the same interleaving serialises on the account lock and keeps both', async () => {
    const before = (await accountBalances(t.db, memberId)).growth
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.transaction().execute((trx) => postEntry(trx, credit(memberId, `par:${i}`))),
      ),
    )
    expect((await accountBalances(t.db, memberId)).growth).toBe(before + 500)
  })

  it('refuses a second posting with the same idempotency key', async () => {
    await t.db.transaction().execute((trx) => postEntry(trx, credit(memberId, 'once')))
    await expect(t.db.transaction().execute((trx) => postEntry(trx, credit(memberId, 'once')))).rejects.toThrow()
  })

  it.runIf(testDatabaseKind() === 'sqlite')(
    'four OS processes writing one SQLite file: no SQLITE_BUSY reaches a caller, totals exact',
    async () => {
      const before = (await accountBalances(t.db, memberId)).growth
      const script = join(import.meta.dirname, 'post-many-command.ts')
      const runs = await Promise.all(
        ['p1', 'p2', 'p3', 'p4'].map(
          (tag) =>
            new Promise<{ code: number | null; out: string }>((resolve) => {
              const child = spawn(process.execPath, ['--import', 'tsx', script, t.url, memberId, '100', tag], {
                cwd: join(import.meta.dirname, '../..'),
              })
              let out = ''
              child.stdout.on('data', (d: Buffer) => {
                out += d
              })
              child.stderr.on('data', (d: Buffer) => {
                out += d
              })
              child.on('exit', (code) => resolve({ code, out }))
            }),
        ),
      )
      for (const run of runs) {
        expect(run.code, run.out).toBe(0)
        expect(JSON.parse(run.out.trim().split('\n').at(-1)!).busy).toBe(0)
      }
      expect((await accountBalances(t.db, memberId)).growth).toBe(before + 400)
    },
    60_000,
  )
})
