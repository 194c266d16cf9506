import { describe, expect, it } from 'vitest'
import { testDatabaseKind } from '../test/test-database'
import { startServerProcess } from '../test/server-process'

/** Starts the test kit's server in its own process and collects its stdout (the log). */
function startKit() {
  const kit = startServerProcess('src/http/server-shutdown-test-kit.ts', {})
  const port = async () => (await kit.waitFor(/"port":(\d+)/, 200, 50))?.[1]
  const lines = () =>
    kit
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; i?: number; level: number; err?: { message: string } })
  return { ...kit, port, lines }
}

// The server's own process is what is under test, not a database: once is enough.
describe.runIf(testDatabaseKind() === 'sqlite')('stopping the server', () => {
  it('on SIGTERM answers the request in flight, then logs every step and exits 0', async () => {
    const kit = startKit()
    const port = await kit.port()
    expect(port, kit.output()).toBeDefined()
    const slow = fetch(`http://127.0.0.1:${port}/slow`)
    await new Promise((r) => setTimeout(r, 100))
    kit.child.kill('SIGTERM')
    const answer = await slow
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe('slow')
    expect(await kit.exited).toBe(0)
    expect(kit.lines().map((line) => line.msg)).toEqual([
      'listening',
      'stopping: no new connections, answering the requests in flight',
      'slow answered',
      'released',
      'stopped',
    ])
  }, 20_000)

  it('on an uncaught exception writes every queued line and the fatal one, then exits 1', async () => {
    const kit = startKit()
    const port = await kit.port()
    expect(port, kit.output()).toBeDefined()
    expect((await fetch(`http://127.0.0.1:${port}/burst-then-crash`)).status).toBe(200)
    expect(await kit.exited).toBe(1)
    const lines = kit.lines()
    const burst = lines.filter((line) => line.msg === 'burst').map((line) => line.i)
    expect(burst).toEqual(Array.from({ length: 2_000 }, (_, i) => i))
    const fatal = lines.find((line) => line.level === 60)
    expect(fatal?.err?.message).toBe('boom from a timer')
    expect(lines.at(-1)?.msg).toBe('stopped')
  }, 20_000)
})
