import { sql } from 'kysely'
import { Worker } from 'node:worker_threads'
import type { RateLimit, RateLimitedAction } from '../deps'
import type { TestApp } from '../test/test-app'
import type { InstanceData, InstanceRequest } from './rate-limit-worker-test-kit'

/**
 * A second BFF instance on the test app's database (the same SQLite file or PostgreSQL schema), in its own worker
 * thread with its own connection, as a second process would be. In one thread two SQLite connections could not
 * run side by side: one's wait for the write lock would block the event loop that the other needs to commit.
 * Requests carry the spec's clock time, so both instances stand at the same instant.
 */
export async function separateInstance(t: TestApp, limits: Record<RateLimitedAction, RateLimit>) {
  const searchPath =
    t.kind === 'postgres'
      ? String(((await sql`select current_schema() as s`.execute(t.db)).rows[0] as { s: string }).s)
      : undefined
  const data: InstanceData = {
    script: new URL('./rate-limit-worker-test-kit.ts', import.meta.url).href,
    url: t.url,
    searchPath,
    limits,
  }
  const worker = new Worker(new URL('./rate-limit-instance.boot.mjs', import.meta.url), { workerData: data })
  const pending = new Map<number, (answer: { status: number; headers: Record<string, string>; body: string }) => void>()
  let ready: () => void = () => {}
  let closed: () => void = () => {}
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve
    worker.once('error', reject)
  })
  worker.on('message', (message) => {
    if (message === 'ready') ready()
    else if (message === 'closed') closed()
    else pending.get(message.id)?.(message)
  })
  await started
  let next = 0
  return {
    async request(path: string, init: InstanceRequest['init']): Promise<Response> {
      next += 1
      const id = next
      const answer = await new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve) => {
        pending.set(id, resolve)
        worker.postMessage({ id, path, init, nowMs: t.clock.now().getTime() } satisfies InstanceRequest)
      })
      pending.delete(id)
      return new Response(answer.body, { status: answer.status, headers: answer.headers })
    },
    async close() {
      const done = new Promise<void>((resolve) => {
        closed = resolve
      })
      worker.postMessage('close')
      await done
      await worker.terminate()
    },
  }
}
