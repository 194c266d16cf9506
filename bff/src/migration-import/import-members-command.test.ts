import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { createTestApp, type TestApp } from '../test/test-app'
import { testIdentitySecret } from '../test/test-identity-secret'
import { parseCsv } from './csv'

const script = join(import.meta.dirname, 'import-members-command.ts')
const header = 'phone,openid,name,birthday,growth,points,points_expires_on'

/** Row i of the crash file: every row valid, with growth and points, some with an openid or an expiry day. */
const crashRow = (i: number) =>
  `1360000${String(i).padStart(4, '0')},${i % 3 === 0 ? `oCrash_${i}` : ''},${i % 5 === 0 ? `"会员, ${i}"` : ''},,` +
  `${(i % 2500) + 1},${(i % 400) + 1},${i % 4 === 0 ? '2027-06-30' : ''}`

describe('import-members command', () => {
  let t: TestApp
  let dir: string
  let childEnv: Record<string, string>
  beforeAll(async () => {
    t = await createTestApp()
    dir = mkdtempSync(join(tmpdir(), 'mc-import-'))
    // The child reaches the test's own database: the same file, or the same PostgreSQL schema through PGOPTIONS,
    // which node-postgres reads for every connection it opens.
    const schema =
      t.kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s : null
    childEnv = {
      DATABASE_URL: t.url,
      IDENTITY_HASH_SECRET: testIdentitySecret,
      ...(schema ? { PGOPTIONS: `-c search_path=${schema}` } : {}),
    }
  })
  afterAll(async () => {
    expect(await verifyLedgers(t.db)).toEqual([])
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, ...childEnv, ...env },
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => {
        stdout += d
      })
      child.stderr.on('data', (d: Buffer) => {
        stderr += d
      })
      child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))
    })
  const count = async (query: 'members' | 'entries' | 'keys') => {
    const like = '1360000%'
    const n =
      query === 'members'
        ? await t.db
            .selectFrom('members')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('phone', 'like', like)
            .executeTakeFirstOrThrow()
        : await t.db
            .selectFrom('ledger_entries')
            .select((eb) =>
              (query === 'entries' ? eb.fn.countAll<number>() : eb.fn.count<number>('idempotency_key').distinct()).as(
                'n',
              ),
            )
            .where('idempotency_key', 'like', 'opening:%')
            .where('member_id', 'in', (eb) => eb.selectFrom('members').select('id').where('phone', 'like', like))
            .executeTakeFirstOrThrow()
    return Number(n.n)
  }

  it('killed by SIGKILL in batch 3, keeps whole batches only; a re-run imports the rest exactly once', async () => {
    const file = join(dir, 'crash.csv')
    writeFileSync(file, [header, ...Array.from({ length: 2000 }, (_, i) => crashRow(i))].join('\r\n'))

    const crashed = await run([file, '--batch', '500'], { MC_FAULT_KILL_AFTER_ROWS: '1234' })
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL')
    expect(await count('members')).toBe(1000)
    expect(await count('entries')).toBe(2000)
    const committed = await t.db
      .selectFrom('members')
      .select('phone')
      .where('phone', 'like', '1360000%')
      .orderBy('phone')
      .execute()
    expect([committed[0].phone, committed.at(-1)!.phone]).toEqual(['13600000000', '13600000999'])
    expect(await verifyLedgers(t.db)).toEqual([])

    const rerun = await run([file, '--batch', '500'])
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stdout).toMatch(/^imported 1,000 · already imported 1,000 · rejected 0 · [\d,]+ rows\/s$/m)
    expect(rerun.stderr).toContain('[##########] 100% 2,000/2,000 rows')
    expect(await count('members')).toBe(2000)
    expect(await count('entries')).toBe(4000)
    expect(await count('keys')).toBe(4000)
    expect(await verifyLedgers(t.db)).toEqual([])
  }, 120_000)

  it('exits 0 with rejects beside the file, 1 for a malformed or missing file, 2 for a bad command line', async () => {
    const file = join(dir, 'mixed.csv')
    writeFileSync(file, `\ufeff${header}\n13500000001,,,,10,10,\n12345,,,,10,10,\n13500000003,,,,-1,0,\n`)
    const mixed = await run([file])
    expect(mixed.code, mixed.stderr).toBe(0)
    expect(mixed.stdout).toMatch(/imported 1 · already imported 0 · rejected 2 · /)
    const rejects = parseCsv(readFileSync(`${file}.rejects.csv`, 'utf8')).map((r) => r.fields)
    expect(rejects).toEqual([
      [...header.split(','), 'line', 'reason'],
      ['12345', '', '', '', '10', '10', '', '3', '手机号格式不正确 / invalid phone'],
      [
        '13500000003',
        '',
        '',
        '',
        '-1',
        '0',
        '',
        '4',
        '成长值必须是不小于 0 的整数 / growth must be a whole number ≥ 0',
      ],
    ])

    const malformed = join(dir, 'malformed.csv')
    writeFileSync(malformed, `${header}\n13500000004,,"open,1,1,\n`)
    const bad = await run([malformed, '--rejects', join(dir, 'out.csv')])
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('line 2: a quoted field is never closed')])
    expect((await run([join(dir, 'missing.csv')])).code).toBe(1)
    expect((await run([file, '--batch', 'many'])).code).toBe(2)
  }, 120_000)
})
