import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWebhook } from '../http/webhook-signature'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { prepareDatabase } from '../setup/prepare-database'
import { openTestDatabase, withSchemaLock } from '../test/test-database'
import { orderServerEnv, startServerProcess } from '../test/server-process'

const secret = 'whsec_two_instances_0123456789'

/**
 * One BFF as its own OS process (the real server entry) on the test's database. Two of them are the grown
 * deployment: two processes, each with its own connection (pool), program cache and event loop. On SQLite that is
 * two handles on one file; in one process a second handle would wait synchronously on the first one's open write
 * transaction, which no deployment does.
 */
async function startInstance(url: string, schema: string | null) {
  const server = startServerProcess('src/index.ts', orderServerEnv(url, schema, secret))
  const port = (await server.waitFor(/"port":(\d+)/, 300))?.[1]
  if (!port) {
    server.child.kill('SIGKILL')
    throw new Error(`server did not start: ${server.output()}`)
  }
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.child.kill('SIGTERM')
      await server.exited
    },
  }
}

async function call(base: string, path: string, body: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

/** POSTs the exact bytes of `raw`, signed now (each delivery signs its own timestamp, as a retrying shop would). */
async function deliver(base: string, raw: string) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const response = await fetch(`${base}/webhooks/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-mc-timestamp': timestamp,
      'x-mc-signature': signWebhook(secret, timestamp, raw),
    },
    body: raw,
  })
  return { status: response.status, body: (await response.json()) as any }
}

describe('two BFF processes on one database receiving the same order events', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  let instances: Array<Awaited<ReturnType<typeof startInstance>>> = []
  beforeAll(async () => {
    database = await openTestDatabase()
    await withSchemaLock('shared', () => prepareDatabase(database.db))
    const schema =
      database.kind === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0].s
        : null
    // Each instance checks the migrations at start; under the shared schema lock no other file's schema is dropped
    // while the migrator reads the catalog (see withSchemaLock).
    instances = await withSchemaLock('shared', () =>
      Promise.all([startInstance(database.url, schema), startInstance(database.url, schema)]),
    )
  }, 60_000)
  afterAll(async () => {
    for (const instance of instances) await instance.stop()
    await database?.drop()
  })

  it('posts each of 50 events once when every event reaches both instances at the same moment', async () => {
    const [a, b] = instances
    // Five members, joined through the first instance; ten orders each.
    const memberIds: string[] = []
    for (let i = 0; i < 5; i += 1) {
      const login = await call(a.base, '/api/auth/local', { phone: `1366600000${i}` })
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      const joined = await call(a.base, '/api/members/join', {}, login.body.token)
      expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300)
      const me = await fetch(`${a.base}/api/me`, { headers: { authorization: `Bearer ${login.body.token}` } })
      const meBody = (await me.json()) as any
      expect(me.status, JSON.stringify(meBody)).toBe(200)
      memberIds.push(meBody.member.id)
    }
    const events = Array.from({ length: 50 }, (_, i) => ({
      id: `evt_two_${i}`,
      type: 'order.paid',
      occurredAt: new Date().toISOString(),
      data: { orderId: `TWO-${i}`, member: { memberId: memberIds[i % 5] }, amountFen: 10_000 + i * 101 },
    }))
    const raws = events.map((event) => JSON.stringify(event))

    const answers = await Promise.all(raws.map((raw) => Promise.all([deliver(a.base, raw), deliver(b.base, raw)])))

    for (const [i, [fromA, fromB]] of answers.entries()) {
      expect(fromA.status, `event ${i} on the first instance`).toBe(200)
      expect(fromB.status, `event ${i} on the second instance`).toBe(200)
      // Whichever instance posted it, the other answered the same result: a replay, not a second posting.
      expect(fromB.body).toEqual(fromA.body)
      expect(fromA.body).toMatchObject({ eventId: events[i].id, status: 'applied' })
    }

    const db = database.db
    const orders = await db.selectFrom('orders').select(['order_id', 'status']).orderBy('order_id').execute()
    expect(orders).toHaveLength(50)
    expect(orders.every((o) => o.status === 'paid')).toBe(true)
    const records = await db
      .selectFrom('idempotency_records')
      .select('key')
      .where('scope', '=', 'order_event')
      .execute()
    expect(records.map((r) => r.key).sort()).toEqual(events.map((e) => e.id).sort())
    const orderEntries = await db
      .selectFrom('ledger_entries')
      .select(['ref_id'])
      .where('kind', '=', 'order')
      .where('ledger', '=', 'growth')
      .execute()
    expect(orderEntries.map((e) => e.ref_id).sort()).toEqual(events.map((e) => e.data.orderId).sort())
    for (const [m, memberId] of memberIds.entries()) {
      const entries = await db
        .selectFrom('ledger_entries')
        .select(['ledger', 'kind', 'amount', 'account_version'])
        .where('member_id', '=', memberId)
        .orderBy('ledger')
        .orderBy('account_version')
        .execute()
      const growth = entries.filter((e) => e.ledger === 'growth')
      // The first-order task once per member, then its ten orders, with no gap or repeat in the account versions.
      expect(entries.filter((e) => e.kind === 'first_order').map((e) => e.ledger)).toEqual(['growth', 'points'])
      expect(growth.map((e) => e.account_version)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1))
      const expected = events
        .filter((_, i) => i % 5 === m)
        .reduce((sum, e) => sum + Math.floor(e.data.amountFen / 100), 100)
      expect(growth.reduce((sum, e) => sum + Number(e.amount), 0)).toBe(expected)
    }
    expect(await verifyLedgers(db)).toEqual([])
  }, 120_000)
})
