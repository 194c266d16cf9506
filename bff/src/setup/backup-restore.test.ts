import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/database'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'
import { testDatabaseKind, testPgUrl } from '../test/test-database'

const bffRoot = join(import.meta.dirname, '../..')

/** Runs one of the BFF's package commands as its own process, the way an operator runs it next to the server. */
function command(file: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, ...args],
      { cwd: bffRoot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}
const backup = (url: string, args: string[]) => command('src/setup/backup-command.ts', args, { DATABASE_URL: url })
const restore = (url: string, args: string[]) => command('src/setup/restore-command.ts', args, { DATABASE_URL: url })
const verifyLedgers = (url: string) => command('src/ledger/verify-ledgers-command.ts', [], { DATABASE_URL: url })

describe.runIf(testDatabaseKind() === 'sqlite')('SQLite backup while the server writes, and restore', () => {
  const t = useTestApp()
  let folder = ''
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('backs up under load; the restore into a fresh folder verifies and equals the source at that point', async () => {
    folder = await mkdtemp(join(tmpdir(), 'mc-backup-'))
    const members: string[] = []
    for (let i = 0; i < 4; i += 1) {
      const token = await t.joinedMember(`1370000${String(i).padStart(4, '0')}`)
      members.push((await t.json('GET', '/api/me', undefined, token)).body.member.id)
    }
    // Two shops sending payments and partial refunds without pause until told to stop.
    const acked: { id: string; sentAt: number; ackedAt: number }[] = []
    let stop = false
    let sequence = 0
    const shop = async (lane: number) => {
      while (!stop) {
        sequence += 1
        const n = sequence
        const memberId = members[n % members.length]
        const event =
          n % 3 === 0 && n > 3
            ? orderEvent('order.refunded', `B-${n - 3}`, { memberId: members[(n - 3) % members.length] }, 10_000, {
                refundId: `r-${n}`,
                refundAmountFen: 1_001,
              })
            : orderEvent('order.paid', `B-${n}`, { memberId }, 10_000 + n * 7)
        const sentAt = Date.now()
        const answer = await sendOrderEvent(t, event)
        expect(answer.status, `lane ${lane}: ${JSON.stringify(answer.body)}`).toBeLessThan(300)
        acked.push({ id: event.id, sentAt, ackedAt: Date.now() })
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    const lanes = [shop(1), shop(2)]
    while (acked.length < 30) await new Promise((resolve) => setTimeout(resolve, 10))

    const file = join(folder, 'backups', 'member-center.db')
    const backupStarted = Date.now()
    const made = await backup(t.url, [file])
    const backupEnded = Date.now()
    while (acked.filter((a) => a.sentAt > backupEnded).length < 10) await new Promise((r) => setTimeout(r, 10))
    stop = true
    await Promise.all(lanes)
    expect(made, made.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('integrity ok') })
    expect(acked.filter((a) => a.ackedAt > backupStarted && a.sentAt < backupEnded).length).toBeGreaterThan(0)

    const restoredPath = join(folder, 'restored', 'member-center.db')
    const restored = await restore(t.url, [file, '--to', restoredPath])
    expect(restored, restored.stderr).toMatchObject({ code: 0 })
    const verified = await verifyLedgers(restoredPath)
    expect(verified.stdout).toMatch(/verify-ledgers \(sqlite\): [1-9]\d* accounts checked, 0 drifts/)
    expect(verified.code).toBe(0)

    const copy = openDatabase(restoredPath)
    try {
      const events = new Set(
        (
          await copy.db.selectFrom('idempotency_records').select('key').where('scope', '=', 'order_event').execute()
        ).map((r) => r.key),
      )
      // Acknowledged before the backup began: in it. Sent after it ended: not in it.
      for (const a of acked.filter((x) => x.ackedAt < backupStarted)) expect(events.has(a.id), a.id).toBe(true)
      for (const a of acked.filter((x) => x.sentAt > backupEnded)) expect(events.has(a.id), a.id).toBe(false)

      // Each account is the source's account as it stood at one version: the same entries up to it, that balance.
      const sourceEntries = await t.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute()
      const copyEntries = await copy.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute()
      expect(copyEntries.length).toBeGreaterThan(0)
      expect(copyEntries.length).toBeLessThan(sourceEntries.length)
      for (const account of await copy.db.selectFrom('ledger_accounts').selectAll().execute()) {
        const upTo = sourceEntries.filter(
          (e) =>
            e.member_id === account.member_id && e.ledger === account.ledger && e.account_version <= account.version,
        )
        const mine = copyEntries.filter((e) => e.member_id === account.member_id && e.ledger === account.ledger)
        expect(mine).toEqual(upTo)
        expect(account.balance).toBe(upTo.at(-1)?.balance_after ?? 0)
      }
    } finally {
      await copy.close()
    }
  }, 120_000)

  it('refuses to restore over a database unless told to replace it, and never overwrites a backup', async () => {
    const file = join(folder, 'backups', 'second.db')
    expect((await backup(t.url, [file])).code).toBe(0)
    const again = await backup(t.url, [file])
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') })

    const before = await t.db.selectFrom('ledger_entries').select('id').execute()
    await sendOrderEvent(t, orderEvent('order.paid', 'B-after', { phone: '13700000000' }, 50_000))
    const live = await restore(t.url, [file])
    expect(live).toMatchObject({ code: 2, stderr: expect.stringContaining('--replace') })
    expect((await t.db.selectFrom('ledger_entries').select('id').execute()).length).toBe(before.length + 1)

    const target = join(folder, 'replaced', 'member-center.db')
    expect((await restore(t.url, [file, '--to', target])).code).toBe(0)
    expect((await restore(t.url, [file, '--to', target])).code).toBe(2)
    const replaced = await restore(t.url, [join(folder, 'backups', 'member-center.db'), '--to', target, '--replace'])
    expect(replaced).toMatchObject({ code: 0, stdout: expect.stringContaining('replaced the database') })
    expect((await verifyLedgers(target)).code).toBe(0)
  }, 120_000)

  it('refuses a file that is not a whole member-center database, and leaves the target untouched', async () => {
    const target = join(folder, 'untouched', 'member-center.db')
    const missing = await restore(t.url, [join(folder, 'nothing.db'), '--to', target])
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no backup') })
    const notOurs = join(folder, 'other.db')
    const other = openDatabase(notOurs)
    await other.db.schema.createTable('something').addColumn('x', 'integer').execute()
    await other.close()
    const refused = await restore(t.url, [notOurs, '--to', target])
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('not a member-center database') })
    expect(existsSync(target)).toBe(false)
  }, 60_000)
})

describe.runIf(testDatabaseKind() === 'postgres')('backup and restore on PostgreSQL', () => {
  it('points to pg_dump instead of copying a PostgreSQL database itself', async () => {
    const made = await backup(testPgUrl(), [join(tmpdir(), 'never-written.db')])
    expect(made).toMatchObject({ code: 2, stderr: expect.stringContaining('pg_dump') })
    expect(existsSync(join(tmpdir(), 'never-written.db'))).toBe(false)
    const restored = await restore(testPgUrl(), [join(tmpdir(), 'never-written.db')])
    expect(restored).toMatchObject({ code: 2, stderr: expect.stringContaining('pg_restore') })
  }, 60_000)
})
