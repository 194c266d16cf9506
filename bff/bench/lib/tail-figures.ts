import { join } from 'node:path'
import { startServer, type ServerProcess } from './child'
import { benchMallItem, benchWebhookSecret, copyDatabase, productEnv, rawOrderFigure } from './http-figures'
import { orderPostings, redemptionRequests, type HttpMembers } from './http-fixtures'
import { measure, rssMb, type LoadResult, type LoadSettings, type NextRequest } from './load'
import { openLoop } from './open-loop'
import { prepareSignInDatabase, signInRequests } from './sign-in-fixtures'

/** Where the tail figures come from: the HTTP template (10,000 members), and the knobs of this part of the run. */
export interface TailContext {
  dir: string
  template: { path: string; members: HttpMembers }
  /** The 100-connection load; warm-up and measured window as the other HTTP figures. */
  settings: LoadSettings
  soakSeconds: number
  /** Redis for the counters-in-Redis variant (BENCH_REDIS_URL); null skips it. */
  redisUrl: string | null
  step: (text: string) => void
}

export interface SoakResult {
  seconds: number
  rate: number
  result: LoadResult
  /** RSS in MB every few seconds from the start of the soak. */
  samples: Array<{ atSeconds: number; rssMb: number | null }>
}

async function withServer<T>(start: Promise<ServerProcess>, work: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start
  try {
    return await work(server)
  } finally {
    await server.stop()
  }
}

/**
 * Open loop (see open-loop.ts) for `seconds` at `rate` requests a second, sampling the server's resident memory
 * every 5 s: a leak (a cache without bound, a listener per request) shows as RSS that keeps climbing while the
 * load stays flat.
 */
async function soak(server: ServerProcess, next: NextRequest, rate: number, seconds: number) {
  const started = Date.now()
  const samples: SoakResult['samples'] = [{ atSeconds: 0, rssMb: rssMb(server.pid) }]
  const timer = setInterval(
    () => samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: rssMb(server.pid) }),
    5_000,
  )
  try {
    const result = await openLoop(server, next, rate, seconds)
    samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: result.rssMb })
    return { seconds, rate, result, samples }
  } finally {
    clearInterval(timer)
  }
}

/**
 * The tail-latency figures of issue 15 on SQLite (synchronous=FULL, the product's settings): (b) and the product's
 * order posting, daily sign-in and redemptions at 100 connections; order posting and sign-in open loop at half the
 * rate just measured; the server's RSS after the run and over a soak; sign-in and redemptions with the abuse-limit
 * counters in Redis instead of two write transactions in the database. Each server gets a fresh database copy.
 */
export async function tailFigures(context: TailContext) {
  const { dir, template, settings, step } = context
  const connections = settings.connections
  step(`(b) at ${connections} connections`)
  const raw = await rawOrderFigure(copyDatabase(template.path, join(dir, 'raw100.db')), template.members, settings)

  step(`(c) at ${connections} connections: order posting and redemptions, open loop, ${context.soakSeconds} s soak`)
  const productPath = copyDatabase(template.path, join(dir, 'product100.db'))
  const itemId = await benchMallItem(productPath)
  const orders = await withServer(startServer('src/index.ts', productEnv(productPath), '/api/health'), async (s) => {
    const flat = await measure(s, orderPostings(benchWebhookSecret, template.members.memberIds, 't100', 0), settings)
    const redemptions = await measure(s, redemptionRequests(template.members.tokens, itemId, 't100'), settings)
    const openRate = flat.rps / 2
    const open = await openLoop(
      s,
      orderPostings(benchWebhookSecret, template.members.memberIds, 'open', 0),
      openRate,
      settings.durationSeconds,
    )
    const rssAfterRun = rssMb(s.pid)
    const soaked = await soak(
      s,
      orderPostings(benchWebhookSecret, template.members.memberIds, 'soak', 0),
      openRate,
      context.soakSeconds,
    )
    return { flat, redemptions, open, openRate, rssAfterRun, soak: soaked }
  })

  step('preparing the sign-in database (100,000 members, one session each)')
  const signInTemplate = await prepareSignInDatabase(dir)
  step(`daily sign-in at ${connections} connections, then open loop at half that rate`)
  const signInPath = copyDatabase(signInTemplate.path, join(dir, 'sign-in.db'))
  const signIn = await withServer(startServer('src/index.ts', productEnv(signInPath), '/api/health'), async (s) => {
    const requests = signInRequests(signInTemplate.tokens)
    const flat = await measure(s, requests, settings)
    const openRate = flat.rps / 2
    const open = await openLoop(s, requests, openRate, settings.durationSeconds)
    return { flat, open, openRate }
  })

  let redis: { signIn: LoadResult; redemptions: LoadResult } | null = null
  if (context.redisUrl) {
    step(`sign-in and redemptions at ${connections} connections with the rate-limit counters in Redis`)
    const redisEnv = { REDIS_URL: context.redisUrl }
    const redisSignInPath = copyDatabase(signInTemplate.path, join(dir, 'sign-in-redis.db'))
    const redisSignIn = await withServer(
      startServer('src/index.ts', { ...productEnv(redisSignInPath), ...redisEnv }, '/api/health'),
      (s) => measure(s, signInRequests(signInTemplate.tokens), settings),
    )
    const redisPath = copyDatabase(template.path, join(dir, 'product-redis.db'))
    const redisItem = await benchMallItem(redisPath)
    const redisRedemptions = await withServer(
      startServer('src/index.ts', { ...productEnv(redisPath), ...redisEnv }, '/api/health'),
      (s) => measure(s, redemptionRequests(template.members.tokens, redisItem, 'redis'), settings),
    )
    redis = { signIn: redisSignIn, redemptions: redisRedemptions }
  }
  return { connections, raw, orders, signIn, redis }
}
