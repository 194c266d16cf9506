import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareDatabase } from '../setup/prepare-database'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { signWebhook } from '../http/webhook-signature'
import { openTestDatabase, withSchemaLock } from '../test/test-database'
import { orderServerEnv, startServerProcess } from '../test/server-process'

const secret = 'whsec_crash_test_0123456789'

/** The real server entry as its own OS process, on the test's database. */
async function startServer(url: string, schema: string | null, fault?: string) {
  const server = startServerProcess('src/index.ts', {
    ...orderServerEnv(url, schema, secret),
    ...(fault ? { MC_FAULT_KILL_AT: fault } : {}),
  })
  const port = (await server.waitFor(/"port":(\d+)/))?.[1]
  if (!port) throw new Error(`server did not start: ${server.output()}`)
  return { base: `http://127.0.0.1:${port}`, child: server.child, exited: server.exited }
}

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

describe('a server killed right after commit, before replying', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  let schema: string | null = null
  beforeAll(async () => {
    database = await openTestDatabase()
    await withSchemaLock('shared', () => prepareDatabase(database.db))
    if (database.kind === 'postgres')
      schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0].s
  })
  afterAll(async () => {
    await database.drop()
  })

  it('replays the committed result to the retried request after restart, with no drift', async () => {
    const first = await startServer(database.url, schema, 'order_event:after_commit')
    const login = await post(first.base, '/api/auth/local', { phone: '13912340000' })
    const joined = await post(first.base, '/api/members/join', {}, { authorization: `Bearer ${login.body.token}` })
    const event = {
      id: 'evt_crash_1',
      type: 'order.paid',
      occurredAt: new Date().toISOString(),
      data: { orderId: 'crash-1', member: { memberId: joined.body.member.id }, amountFen: 88_800 },
    }
    const raw = JSON.stringify(event)
    const signed = () => {
      const timestamp = String(Math.floor(Date.now() / 1000))
      return { 'x-mc-timestamp': timestamp, 'x-mc-signature': signWebhook(secret, timestamp, raw) }
    }
    await expect(
      fetch(`${first.base}/webhooks/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed() },
        body: raw,
      }),
    ).rejects.toThrow()
    expect(await first.exited).toBe('SIGKILL')

    const entries = await database.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'kind', 'amount'])
      .orderBy('ledger')
      .orderBy('account_version')
      .execute()
    // Committed before the crash, exactly once: the first order's task (growth and points) and its own growth.
    expect(entries).toEqual([
      { ledger: 'growth', kind: 'first_order', amount: 100 },
      { ledger: 'growth', kind: 'order', amount: 888 },
      { ledger: 'points', kind: 'first_order', amount: 100 },
    ])
    expect(await verifyLedgers(database.db)).toEqual([])

    const second = await startServer(database.url, schema)
    try {
      const retried = await fetch(`${second.base}/webhooks/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed() },
        body: raw,
      })
      expect(retried.status).toBe(200)
      expect(await retried.json()).toMatchObject({ eventId: 'evt_crash_1', status: 'applied', growth: 888 })
      expect(await database.db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(3)
      expect(await verifyLedgers(database.db)).toEqual([])
    } finally {
      second.child.kill('SIGTERM')
      await second.exited
    }
  }, 60_000)
})
