import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { openDatabase } from '../db/database'
import type { Deps, RateLimit, RateLimitedAction } from '../deps'
import { mallItem, redeem } from '../test/mall-fixtures'
import { useTestApp, type TestApp } from '../test/test-app'
import { runDailyJobs } from '../jobs/run-daily-jobs'
import { databaseRateLimitCounter } from './rate-limit-database'
import { separateInstance } from './rate-limit-instance-test-kit'
import { redisRateLimitCounter } from './rate-limit-redis'
import { defaultRateLimits } from './rate-limit-settings'

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** The same limit for every action. */
const every = (limit: RateLimit) =>
  Object.fromEntries(Object.keys(defaultRateLimits).map((a) => [a, limit])) as Record<RateLimitedAction, RateLimit>

/** Anything that answers a request: the test app, or a separate instance (rate-limit-instance-test-kit.ts). */
interface Instance {
  request(path: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<Response>
}

const post = (app: Instance | TestApp['app'], path: string, body: unknown, token?: string) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })

/** A second BFF instance: its own connection to the same database (the same PostgreSQL schema or SQLite file). */
async function secondInstance(t: TestApp, counter?: Deps['rateLimits']) {
  const schema =
    t.kind === 'postgres'
      ? String(((await sql`select current_schema() as s`.execute(t.db)).rows[0] as { s: string }).s)
      : undefined
  const other = openDatabase(t.url, schema ? { searchPath: schema } : {})
  return {
    app: createApp({ ...t.deps, db: other.db, rateLimits: counter ?? t.deps.rateLimits }),
    close: () => other.close(),
  }
}

describe('rate limits per account', () => {
  const t = useTestApp({ rateLimits: { limits: every({ perClient: 1000, perAccount: 2, windowSeconds: 60 }) } })

  it('answers 429 RATE_LIMITED with Retry-After once one phone has logged in past its limit', async () => {
    for (let i = 0; i < 2; i += 1)
      expect((await post(t.app, '/api/auth/local', { phone: '13800000001' })).status).toBe(200)
    const refused = await post(t.app, '/api/auth/local', { phone: '13800000001' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } } })
    expect((await post(t.app, '/api/auth/local', { phone: '13800000002' })).status).toBe(200) // another account
    t.clock.advanceMs(30_000)
    expect((await post(t.app, '/api/auth/local', { phone: '13800000001' })).headers.get('retry-after')).toBe('30')
    t.clock.advanceMs(30_000)
    expect((await post(t.app, '/api/auth/local', { phone: '13800000001' })).status).toBe(200) // a new window
  })

  it('limits join, sign-in, claims, redemptions, staff login and operator login per account', async () => {
    const third = async (call: () => Promise<{ status: number; body: any }>) => {
      const answers = [await call(), await call(), await call()]
      expect(answers[0].status).not.toBe(429)
      expect(answers[1].status).not.toBe(429)
      expect(answers[2]).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
    }
    const token = (await t.json('POST', '/api/auth/local', { phone: '13800000011' })).body.token as string
    await third(() => t.json('POST', '/api/members/join', {}, token))
    await third(() => t.json('POST', '/api/sign-in', {}, token))
    await third(() => t.json('POST', '/api/me/benefits/no_such_benefit/claim', undefined, token))
    const item = await mallItem(t, { title: '帆布袋', pointsPrice: 500 })
    await third(() => redeem(t, token, { itemId: item.id }))
    await third(() => t.json('POST', '/api/staff/login', { phone: '15199990001', pin: '135792' }))
    await third(() => t.json('POST', '/api/operator/login', { login: 'nobody', password: 'not-the-password' }))
    // Each limit is per account: another member, phone or login is not held back by these.
    const other = (await t.json('POST', '/api/auth/local', { phone: '13800000012' })).body.token as string
    expect((await t.json('POST', '/api/members/join', {}, other)).status).toBe(200)
    expect((await t.json('POST', '/api/sign-in', {}, other)).status).toBe(201)
    expect((await t.json('POST', '/api/staff/login', { phone: '15199990002', pin: '135792' })).status).toBe(401)
  })
})

describe('rate limits per client address', () => {
  const t = useTestApp({
    rateLimits: { limits: { memberLogin: { perClient: 3, perAccount: 100, windowSeconds: 60 } } },
  })

  it('refuses a fourth login from one address in a window, whichever phone it names', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await t.json('POST', '/api/auth/local', { phone: `1380000010${i}` })).status).toBe(200)
    const refused = await t.json('POST', '/api/auth/local', { phone: '13800000109' })
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
    // Refused before the login ran: no member row, no session for that phone.
    expect(await t.db.selectFrom('members').select('id').where('phone', '=', '13800000109').execute()).toEqual([])
  })
})

describe('two BFF instances on one database share the limit', () => {
  const limits = every({ perClient: 1000, perAccount: 5, windowSeconds: 60 })
  const t = useTestApp({ rateLimits: { limits } })

  it('counts logins through either instance together, also when twenty arrive at once', async () => {
    const second = await separateInstance(t, limits)
    try {
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(i % 2 === 0 ? t.app : second, '/api/auth/local', { phone: '13800000201' }),
        ),
      )
      expect(burst.filter((r) => r.status === 200)).toHaveLength(5)
      expect(burst.filter((r) => r.status === 429)).toHaveLength(15)

      t.clock.advanceMs(60_000)
      const statuses: number[] = []
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await post(i % 2 === 0 ? t.app : second, '/api/auth/local', { phone: '13800000201' })).status)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    } finally {
      await second.close()
    }
    // Refused logins count too: the phone's bucket holds all six hits of this window.
    const bucket = await t.db
      .selectFrom('rate_limits')
      .select('hits')
      .where('bucket', '=', 'memberLogin:account:phone:13800000201')
      .executeTakeFirstOrThrow()
    expect(Number(bucket.hits)).toBe(6)
  })

  it('counts the address first and leaves the account untouched once the address is refused', async () => {
    const counter = databaseRateLimitCounter(t.db)
    const now = t.clock.now()
    const buckets = [
      { bucket: 'probe:client:a', max: 2 },
      { bucket: 'probe:account:x', max: 10 },
    ]
    for (let i = 0; i < 2; i += 1) expect(await counter.hitInOrder(buckets, 60_000, now)).toBeNull()
    expect(await counter.hitInOrder(buckets, 60_000, now)).toEqual({ resetsAtMs: now.getTime() + 60_000 })
    const hits = await t.db
      .selectFrom('rate_limits')
      .select(['bucket', 'hits'])
      .where('bucket', 'like', 'probe:%')
      .execute()
    expect(Object.fromEntries(hits.map((row) => [row.bucket, Number(row.hits)]))).toEqual({
      'probe:client:a': 3,
      'probe:account:x': 2,
    })
    // The account's own limit refuses through another address, and that refusal is counted as well.
    const other = [
      { bucket: 'probe:client:b', max: 100 },
      { bucket: 'probe:account:x', max: 2 },
    ]
    expect(await counter.hitInOrder(other, 60_000, now)).toEqual({ resetsAtMs: now.getTime() + 60_000 })
    const account = await t.db
      .selectFrom('rate_limits')
      .select('hits')
      .where('bucket', '=', 'probe:account:x')
      .executeTakeFirstOrThrow()
    expect(Number(account.hits)).toBe(3)
  })

  it('keeps one row per bucket, restarting it at 1 when its window has ended', async () => {
    const counter = databaseRateLimitCounter(t.db)
    const start = new Date('2026-12-01T00:00:00.000Z')
    expect(await counter.hit('probe', 1000, start)).toEqual({ hits: 1, resetsAtMs: start.getTime() + 1000 })
    expect((await counter.hit('probe', 1000, new Date(start.getTime() + 999))).hits).toBe(2)
    const later = new Date(start.getTime() + 1000)
    expect(await counter.hit('probe', 1000, later)).toEqual({ hits: 1, resetsAtMs: later.getTime() + 1000 })
    expect(await t.db.selectFrom('rate_limits').selectAll().where('bucket', '=', 'probe').execute()).toHaveLength(1)
  })

  it('the daily jobs drop counters whose window ended more than a day ago', async () => {
    const now = t.clock.now()
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()
    await t.db
      .insertInto('rate_limits')
      .values([
        { bucket: 'old', hits: 3, resets_at: ago(86_400_000 + 1) },
        { bucket: 'recent', hits: 3, resets_at: ago(60_000) },
      ])
      .execute()
    expect((await runDailyJobs(t.db, now, 'test', { force: true })).ran).toBe(true)
    const left = await t.db
      .selectFrom('rate_limits')
      .select('bucket')
      .where('bucket', 'in', ['old', 'recent'])
      .execute()
    expect(left).toEqual([{ bucket: 'recent' }])
  })
})

describe('rate limits counted in Redis (REDIS_URL)', () => {
  const prefix = `mc:test:${randomUUID()}:`
  const counters = [redisRateLimitCounter(redisUrl, prefix), redisRateLimitCounter(redisUrl, prefix)]
  const limits = every({ perClient: 1000, perAccount: 5, windowSeconds: 60 })
  const t = useTestApp({ rateLimits: { counter: counters[0], limits } })
  const inspector = new Redis(redisUrl)
  afterAll(async () => {
    const keys = await inspector.keys(`${prefix}*`)
    if (keys.length > 0) await inspector.del(...keys)
    await inspector.quit()
    for (const counter of counters) await counter.close()
  })

  it('two instances with their own Redis connections share the limit; the database keeps no counter', async () => {
    const second = await secondInstance(t, { counter: counters[1], limits })
    try {
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(i % 2 === 0 ? t.app : second.app, '/api/auth/local', { phone: '13800000301' }),
        ),
      )
      expect(burst.filter((r) => r.status === 200)).toHaveLength(5)
      const refused = burst.filter((r) => r.status === 429)
      expect(refused).toHaveLength(15)
      const retryAfter = Number(refused[0].headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
    } finally {
      await second.close()
    }
    expect(await inspector.get(`${prefix}memberLogin:account:phone:13800000301`)).toBe('20')
    const ttl = await inspector.pttl(`${prefix}memberLogin:account:phone:13800000301`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
    expect(await t.db.selectFrom('rate_limits').selectAll().execute()).toEqual([])
  })

  it('starts a bucket again once Redis has expired its window', async () => {
    const counter = counters[0]
    const now = new Date()
    expect((await counter.hit('probe', 300, now)).hits).toBe(1)
    expect((await counter.hit('probe', 300, now)).hits).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect((await counter.hit('probe', 300, new Date())).hits).toBe(1)
  })
})
