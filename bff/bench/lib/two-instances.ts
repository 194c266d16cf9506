import { startServer, type ServerProcess } from './child'
import { benchWebhookSecret, productEnv } from './http-figures'
import { meRequests, orderPostings, type HttpMembers } from './http-fixtures'
import { measure, type Admission, type LoadResult, type LoadSettings, type NextRequest } from './load'

/**
 * The same load split evenly over several servers at once (two autocannon runs side by side in this process),
 * added up: req/s and requests summed, CPU per request over both servers' CPU, p50 the requests-weighted mean
 * and p99 the worse of the two (a conservative stand-in: the merged histogram is not available). Each run opens its
 * window once its own connections are admitted (see `measure`), so the two windows overlap rather than coincide.
 */
async function across(servers: ServerProcess[], next: NextRequest, settings: LoadSettings): Promise<LoadResult> {
  const each = { ...settings, connections: Math.max(1, Math.round(settings.connections / servers.length)) }
  const results = await Promise.all(servers.map((s) => measure(s, next, each)))
  const requests = results.reduce((n, r) => n + r.requests, 0)
  const statusCodes: Record<string, number> = {}
  for (const r of results)
    for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n
  const cpu = results.every((r) => r.serverCpuUsPerRequest !== null)
    ? results.reduce((sum, r) => sum + (r.serverCpuUsPerRequest ?? 0) * r.requests, 0) / Math.max(1, requests)
    : null
  return {
    rps: results.reduce((n, r) => n + r.rps, 0),
    p50Ms: Math.round(results.reduce((sum, r) => sum + r.p50Ms * r.requests, 0) / Math.max(1, requests)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    requests,
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    serverCpuUsPerRequest: cpu,
    statusCodes,
    rssMb: results.reduce((n, r) => n + (r.rssMb ?? 0), 0),
    admission: worstAdmission(results),
  }
}

/** The admissions of runs side by side: connections summed, each percentile the worse of the runs'. */
function worstAdmission(results: LoadResult[]): Admission | null {
  const admissions = results.flatMap((r) => (r.admission ? [r.admission] : []))
  if (admissions.length === 0) return null
  return {
    connections: admissions.reduce((n, a) => n + a.connections, 0),
    p50Ms: Math.max(...admissions.map((a) => a.p50Ms)),
    p99Ms: Math.max(...admissions.map((a) => a.p99Ms)),
    maxMs: Math.max(...admissions.map((a) => a.maxMs)),
  }
}

/**
 * The grown deployment: GET /api/me and order posting with one BFF process, then with two on the same PostgreSQL
 * database, at the same total connections. Order events come from one shared stream, so no event goes to both.
 */
export async function twoInstanceFigures(databaseUrl: string, members: HttpMembers, settings: LoadSettings) {
  const env = productEnv(databaseUrl)
  const servers = [
    await startServer('src/index.ts', env, '/api/health'),
    await startServer('src/index.ts', env, '/api/health'),
  ]
  try {
    const oneMe = await across(servers.slice(0, 1), meRequests(members.tokens), settings)
    const twoMe = await across(servers, meRequests(members.tokens), settings)
    const oneOrders = await across(
      servers.slice(0, 1),
      orderPostings(benchWebhookSecret, members.memberIds, 'pg-one', 0),
      settings,
    )
    const twoOrders = await across(servers, orderPostings(benchWebhookSecret, members.memberIds, 'pg-two', 0), settings)
    return { one: { me: oneMe, orders: oneOrders }, two: { me: twoMe, orders: twoOrders } }
  } finally {
    for (const server of servers) await server.stop()
  }
}
