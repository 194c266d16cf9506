import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { memberIdOf, populateSqlite, sweepDay } from './population'
import { startServer, type ServerProcess } from './child'
import { MallItemInput } from '@mc/shared'
import { createMallItem } from '../../src/mall/mall-items'
import { issueBenchSessions, meRequests, orderPostings, redemptionRequests, type HttpMembers } from './http-fixtures'
import { measure, type LoadResult, type LoadSettings, type NextRequest } from './load'

export const benchWebhookSecret = 'whsec_bench_0123456789abcdef'

/** Members the order events go to, and how many of them hold a session for GET /api/me. */
const httpMemberCount = 10_000
const sessionCount = 2_000

async function withServer<T>(start: Promise<ServerProcess>, work: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start
  try {
    return await work(server)
  } finally {
    await server.stop()
  }
}

const fixed =
  (request: ReturnType<NextRequest>): NextRequest =>
  () =>
    request

/** (a) and its reference: hello world on bare node:http and on Hono, each in its own process. */
export async function helloFigures(settings: LoadSettings) {
  const hello = fixed({ method: 'GET', path: '/' })
  const bareNode = await withServer(startServer('bench/servers/hello-node.ts', {}), (s) => measure(s, hello, settings))
  const hono = await withServer(startServer('bench/servers/hello-hono.ts', {}), (s) => measure(s, hello, settings))
  return { bareNode, hono }
}

/** A migrated database with the HTTP members, written once and copied for each server so each starts equal. */
export async function prepareHttpDatabase(dir: string): Promise<{ path: string; members: HttpMembers }> {
  const path = join(dir, 'http-template.db')
  const created = openDatabase(path)
  await prepareDatabase(created.db)
  await created.close()
  populateSqlite(path, httpMemberCount, sweepDay())
  const memberIds = Array.from({ length: httpMemberCount }, (_, i) => memberIdOf(i))
  const { db, close } = openDatabase(path)
  try {
    return {
      path,
      members: { memberIds, tokens: await issueBenchSessions(db, memberIds.slice(0, sessionCount), new Date()) },
    }
  } finally {
    await close()
  }
}

export function copyDatabase(template: string, to: string): string {
  copyFileSync(template, to)
  return to
}

/** (b) The raw node:http + better-sqlite3 handler posting the same transaction as an order event. */
export async function rawOrderFigure(
  databasePath: string,
  members: HttpMembers,
  settings: LoadSettings,
): Promise<LoadResult> {
  return withServer(startServer('bench/servers/raw-order.ts', { DATABASE_URL: databasePath }), (s) =>
    measure(s, orderPostings(benchWebhookSecret, members.memberIds, 'raw', 40_000), settings),
  )
}

/**
 * (c) The product as `pnpm start` runs it (src/index.ts: real env parsing, migrations check, pino request log at
 * info to a discarded stdout, daily-job scheduler off so no sweep runs mid-figure): order events, GET /api/me,
 * then points-mall redemptions of one item with ample stock (1 point each, so every member can afford many).
 */
export async function productFigures(databaseUrl: string, members: HttpMembers, settings: LoadSettings, tag: string) {
  const itemId = await benchMallItem(databaseUrl)
  return withServer(startServer('src/index.ts', productEnv(databaseUrl), '/api/health'), async (s) => {
    const orders = await measure(s, orderPostings(benchWebhookSecret, members.memberIds, tag, 40_000), settings)
    const me = await measure(s, meRequests(members.tokens), settings)
    const redemptions = await measure(s, redemptionRequests(members.tokens, itemId, tag), settings)
    return { orders, me, redemptions }
  })
}

/**
 * The product's environment in the bench. The abuse limits stay on and every call is still counted (two counter
 * writes per sign-in or redemption), but the per-client ceilings are raised: the load generator is one address,
 * 127.0.0.1, which the defaults (60 a minute) would refuse after the first second. Per-account limits keep their
 * defaults; no bench member comes near them.
 */
export function productEnv(databaseUrl: string): Record<string, string> {
  const perClient = { perClient: 1_000_000 }
  return {
    DATABASE_URL: databaseUrl,
    WEBHOOK_SECRET: benchWebhookSecret,
    JOBS_ENABLED: 'false',
    LOCAL_LOGIN_ENABLED: 'false',
    LOG_LEVEL: 'info',
    RATE_LIMITS: JSON.stringify({ signIn: perClient, redeem: perClient, claim: perClient }),
  }
}

export async function benchMallItem(databaseUrl: string): Promise<string> {
  const { db, close } = openDatabase(databaseUrl)
  try {
    const input = MallItemInput.parse({ title: '压测商品', pointsPrice: 1, stock: 1_000_000, fulfilment: 'pickup' })
    return (await createMallItem(db, 'system', input, new Date())).id
  } finally {
    await close()
  }
}
