import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { newId } from '@mc/shared'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/test-app'
import { saveJourneySettings } from './journeys-test-kit'

const script = join(import.meta.dirname, 'run-journeys-child-test-kit.ts')
const members = 600
const now = '2026-12-01T02:00:00.000Z' // 10:00 in Shanghai on 1 December: every member's birthday month

describe('journeys killed mid-batch', () => {
  let t: TestApp
  let childEnv: Record<string, string>
  beforeAll(async () => {
    t = await createTestApp()
    const schema =
      t.kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s : null
    childEnv = { DATABASE_URL: t.url, ...(schema ? { PGOPTIONS: `-c search_path=${schema}` } : {}) }
    t.clock.set(now)
    await saveJourneySettings(t)
    // Joined members with a December birthday, written straight to the table: the birthday journey is due for all.
    const rows = Array.from({ length: members }, (_, i) => ({
      id: newId('mbr', Date.parse(now)),
      openid: null,
      unionid: null,
      phone: `1380000${String(i).padStart(4, '0')}`,
      nickname: `会员${i}`,
      joined_at: now,
      source_outlet_id: null,
      source_channel: null,
      birthday: '1990-12-20',
      created_at: now,
    }))
    for (let i = 0; i < rows.length; i += 100)
      await t.db
        .insertInto('members')
        .values(rows.slice(i, i + 100))
        .execute()
  })
  afterAll(async () => {
    await t.close()
  })

  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, ...childEnv, JOURNEYS_BATCH: '100', ...env },
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
  const counts = async () => {
    const row = await t.db
      .selectFrom('engagement_sends')
      .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.count('dedupe_key').distinct().as('keys')])
      .where('source_id', '=', 'birthday')
      .executeTakeFirstOrThrow()
    const inbox = await t.db
      .selectFrom('notifications')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('member_id').distinct().as('members')])
      .where('kind', '=', 'birthday')
      .executeTakeFirstOrThrow()
    return {
      rows: Number(row.rows),
      keys: Number(row.keys),
      inbox: Number(inbox.n),
      inboxMembers: Number(inbox.members),
    }
  }

  it('keeps committed batches only; a second runner alongside and a rerun send every member once', async () => {
    // Killed after the 250th decision: batches 1 and 2 (200 members) committed, batch 3 lost whole.
    const killed = await run({ JOURNEYS_NOW: now, JOURNEYS_HOLDER: 'runner-a', MC_FAULT_KILL_AFTER_DECISIONS: '250' })
    expect(killed.signal, killed.stderr).toBe('SIGKILL')
    expect(await counts()).toEqual({ rows: 200, keys: 200, inbox: 200, inboxMembers: 200 })

    // The dead runner's lease lapses after ten minutes. Two runners then start at once, the second with a clock
    // another eleven minutes on, so it finds the first's lease lapsed and takes it while the first is still
    // deciding: both write batches at the same time (the first stops at its next renewal, or is killed), and only
    // the dedupe key stands between them and a member decided twice.
    const minutes = (n: number) => new Date(Date.parse(now) + n * 60_000).toISOString()
    const [b, c] = await Promise.all([
      run({ JOURNEYS_NOW: minutes(11), JOURNEYS_HOLDER: 'runner-b', MC_FAULT_KILL_AFTER_DECISIONS: '150' }),
      run({ JOURNEYS_NOW: minutes(22), JOURNEYS_HOLDER: 'runner-c' }),
    ])
    for (const runner of [b, c]) expect([0, 'SIGKILL'], runner.stderr).toContain(runner.code ?? runner.signal)
    const last = await run({ JOURNEYS_NOW: minutes(33), JOURNEYS_HOLDER: 'runner-d' })
    expect(last.code, last.stderr).toBe(0)
    expect(JSON.parse(last.stdout)).toMatchObject({ ran: true })
    expect(await counts()).toEqual({ rows: members, keys: members, inbox: members, inboxMembers: members })
    const outbox = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('channel', '=', 'inbox')
      .executeTakeFirstOrThrow()
    expect(Number(outbox.n)).toBe(members)
  }, 180_000)
})
