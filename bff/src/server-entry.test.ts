import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from './test/test-database'
import { startServerProcess } from './test/server-process'

const dbFile = join(tmpdir(), `mc-entry-${process.pid}.db`)

/** Starts the real server entry as `npm start` does, with only the given environment. */
const startEntry = (env: Record<string, string>) => startServerProcess('src/index.ts', { LOG_LEVEL: 'info', ...env })

describe.runIf(testDatabaseKind() === 'sqlite')('the server entry', () => {
  afterAll(() => {
    for (const ext of ['', '-wal', '-shm']) rmSync(dbFile + ext, { force: true })
  })

  it('refuses to start on bad configuration, naming each bad variable', async () => {
    const entry = startEntry({ PORT: 'eighty', LOCAL_LOGIN_ENABLED: 'maybe' })
    expect(await entry.exited).toBe(1)
    expect(entry.output()).toContain('Configuration error')
    expect(entry.output()).toMatch(/PORT: .*"eighty"/)
    expect(entry.output()).toMatch(/LOCAL_LOGIN_ENABLED: /)
  })

  it('refuses to start in production with a demo switch on or a published demo secret', async () => {
    const entry = startEntry({
      NODE_ENV: 'production',
      DATABASE_URL: dbFile,
      LOCAL_LOGIN_ENABLED: 'true',
      WEBHOOK_SECRET: 'whsec_demo_change_me_0000',
    })
    expect(await entry.exited).toBe(1)
    expect(entry.output()).toMatch(/LOCAL_LOGIN_ENABLED: must be off in production \(NODE_ENV=production\)/)
    expect(entry.output()).toMatch(/WEBHOOK_SECRET: is a published demo value/)
    expect(entry.output()).not.toContain('whsec_demo_change_me_0000')
  })

  it('starts with random per-install secrets kept owner-only in SECRETS_FILE, as npm start runs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-entry-secrets-'))
    const secretsFile = join(dir, 'data/secrets.json')
    const entry = startEntry({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: join(dir, 'data/member-center.db'),
      SECRETS_FILE: secretsFile,
      JOBS_ENABLED: 'false',
    })
    try {
      const port = (await entry.waitFor(/"port":(\d+)/))?.[1]
      expect(port, entry.output()).toBeDefined()
      expect(statSync(secretsFile).mode & 0o777).toBe(0o600)
      const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'))
      expect(secrets.WEBHOOK_SECRET).toMatch(/^whsec_[0-9a-f]{64}$/)
      expect(entry.output()).not.toContain(secrets.WEBHOOK_SECRET)
      // The webhook is configured (an unsigned event is refused as unsigned, not as "no secret set": 503).
      const unsigned = await fetch(`http://127.0.0.1:${port}/webhooks/orders`, { method: 'POST', body: '{}' })
      expect(unsigned.status).toBe(401)
    } finally {
      entry.child.kill('SIGTERM')
      await entry.exited
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it('migrates, seeds demo data and serves /api/health on an empty database', async () => {
    const entry = startEntry({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbFile,
      SEED_DEMO: 'true',
      LOCAL_LOGIN_ENABLED: 'true',
    })
    try {
      // The demo's year of history runs every nightly job once per simulated day before the server listens: 14–19 s
      // alone here, past 20 s beside the rest of the suite, so this waits up to a minute for it.
      const port = (await entry.waitFor(/"port":(\d+)/, 600))?.[1]
      expect(port, entry.output()).toBeDefined()
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' })
      expect(entry.output()).toContain('migrations applied')
      expect(entry.output()).toContain('demo data seeded')
    } finally {
      entry.child.kill('SIGTERM')
      await entry.exited
    }
  }, 90_000)
})
