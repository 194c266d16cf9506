import autocannon, { type RequestSpec } from 'autocannon'
import { readFileSync } from 'node:fs'

/**
 * How hard and how long every HTTP figure is driven; the same for all of them, so their ratios compare like with like.
 */
export interface LoadSettings {
  connections: number
  warmupSeconds: number
  durationSeconds: number
  /** Open loop: requests per second across all connections (autocannon's overallRate); unset drives flat out. */
  overallRate?: number
}

/** One HTTP figure: mean requests per second over the measured window, latency percentiles in ms, and failures. */
export interface LoadResult {
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
  /** CPU the server process spent per request (user + system), in µs: less swayed by other load than req/s. */
  serverCpuUsPerRequest: number | null
  /** Answers by HTTP status, e.g. { 201: 9800, 429: 3 }, so a failure says what it was. */
  statusCodes: Record<string, number>
  /** The server's resident memory right after the measured window, in MB (Linux); null elsewhere. */
  rssMb: number | null
}

/** CPU seconds a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null
  }
}

/** A process's resident set size in MB, from /proc/<pid>/status (VmRSS); null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'))
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null
  } catch {
    return null
  }
}

/** A request factory: called once per request, so each one can carry a different body, signature or token. */
export type NextRequest = () => RequestSpec

/**
 * Drives `url` with autocannon: a short warm-up (JIT, statement caches, page cache), then the measured run.
 * Requests come from `next` through `setupRequest`, so no two need be the same.
 */
export async function measure(
  server: { url: string; pid: number },
  next: NextRequest,
  settings: LoadSettings,
): Promise<LoadResult> {
  const { url } = server
  const requests: RequestSpec[] = [{ setupRequest: (request) => ({ ...request, ...next() }) }]
  const rate = settings.overallRate === undefined ? {} : { overallRate: Math.max(1, Math.round(settings.overallRate)) }
  if (settings.warmupSeconds > 0) {
    await autocannon({ url, connections: settings.connections, duration: settings.warmupSeconds, requests, ...rate })
  }
  const cpuBefore = cpuSeconds(server.pid)
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    requests,
    ...rate,
  })
  const cpuAfter = cpuSeconds(server.pid)
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
    rssMb: rssMb(server.pid),
  }
}
