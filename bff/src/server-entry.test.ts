import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabaseKind } from './test/test-database'

const bffRoot = join(import.meta.dirname, '..')
const dbFile = join(tmpdir(), `mc-entry-${process.pid}.db`)

/** Starts the real server entry as `npm start` does, with only the given environment. */
function startEntry(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: bffRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !pattern.test(output); i += 1) await new Promise((r) => setTimeout(r, 100))
    return pattern.exec(output)
  }
  return { child, exited, waitFor, output: () => output }
}

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

  it('migrates, seeds demo data and serves /api/health on an empty database', async () => {
    const entry = startEntry({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dbFile,
      SEED_DEMO: 'true',
      LOCAL_LOGIN_ENABLED: 'true',
    })
    try {
      const port = (await entry.waitFor(/"port":(\d+)/))?.[1]
      expect(port, entry.output()).toBeDefined()
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'sqlite' })
      expect(entry.output()).toContain('migrations applied')
      expect(entry.output()).toContain('demo data seeded')
    } finally {
      entry.child.kill('SIGTERM')
      await entry.exited
    }
  }, 30_000)
})
