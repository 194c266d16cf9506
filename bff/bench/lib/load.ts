import autocannon, { type Instance, type RequestSpec } from 'autocannon'
import { setTimeout as sleep } from 'node:timers/promises'
import { readFileSync } from 'node:fs'

/**
 * How hard and how long every HTTP figure is driven; the same for all of them, so their ratios compare like with like.
 */
export interface LoadSettings {
  connections: number
  warmupSeconds: number
  durationSeconds: number
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
  /** Each connection's first answer, kept out of the figure (see `measure`); null where no connections are opened. */
  admission: Admission | null
}

/** How long the connections of a closed-loop figure waited for their first answer, in ms. */
export interface Admission {
  connections: number
  p50Ms: number
  p99Ms: number
  maxMs: number
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

/**
 * Resolves once the process has used under a tenth of a core for 300 ms (or after `limitMs`): a closed loop that
 * stops leaves its last connections' requests in flight, about one event-loop turn of work, and an open loop begun
 * on top of that queue counts it as its own first latencies (measured: orders at half rate p99 111–128 ms straight
 * after the 100-connection run, 27–28 ms once the server was idle).
 */
export async function settled(pid: number, limitMs = 10_000): Promise<void> {
  const deadline = performance.now() + limitMs
  let before = cpuSeconds(pid)
  while (before !== null && performance.now() < deadline) {
    await sleep(300)
    const now = cpuSeconds(pid)
    if (now === null || now - before < 0.03) return
    before = now
  }
}

/** A request factory: called once per request, so each one can carry a different body, signature or token. */
export type NextRequest = () => RequestSpec

/** Longest the figure waits for every connection's first answer before it starts its warm-up anyway. */
const admissionLimitMs = 60_000

/**
 * Drives `url` with autocannon, one run in three parts: admission (each connection opened and its first answer
 * back), the warm-up (JIT, statement caches, page cache), then the measured window, on the same connections.
 * Node accepts one new connection per turn of its event loop (strace: one accept4 per epoll_pwait, idle or not), so
 * under saturation the n-th connection of a burst waits about n turns for its first answer: at 100 connections on a
 * saturated server, seconds. A window that opened its own connections mixed that admission into every figure (most
 * of the p99 at 100 connections, for (b) as much as for the product) and ran its first seconds on fewer connections
 * than it names. So the window starts once all are admitted; their first answers are reported apart (`admission`).
 * Requests come from `next` through `setupRequest`, so no two need be the same.
 */
export async function measure(
  server: { url: string; pid: number },
  next: NextRequest,
  settings: LoadSettings,
): Promise<LoadResult> {
  const { connections, warmupSeconds, durationSeconds } = settings
  const instance = autocannon({
    url: server.url,
    connections,
    duration: admissionLimitMs / 1000 + warmupSeconds + durationSeconds + 5,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  })
  const answers = new Answers(instance, connections)
  await Promise.race([answers.admitted, sleep(admissionLimitMs, undefined, { ref: false })])
  await sleep(warmupSeconds * 1000)
  const cpuBefore = cpuSeconds(server.pid)
  const startedAt = performance.now()
  answers.measuring = true
  await sleep(durationSeconds * 1000)
  answers.measuring = false
  const cpuAfter = cpuSeconds(server.pid)
  const seconds = (performance.now() - startedAt) / 1000
  instance.stop()
  await instance
  const { latencies, statusCodes, admissionMs } = answers
  return {
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requests: latencies.length,
    non2xx: latencies.length - successes(statusCodes),
    errors: answers.errors,
    serverCpuUsPerRequest: cpuPerRequest(cpuBefore, cpuAfter, latencies.length),
    statusCodes,
    rssMb: rssMb(server.pid),
    admission: {
      connections: admissionMs.length,
      p50Ms: percentile(admissionMs, 0.5),
      p99Ms: percentile(admissionMs, 0.99),
      maxMs: percentile(admissionMs, 1),
    },
  }
}

/** What a running load's answers were: each connection's first apart, the rest only while `measuring`. */
class Answers {
  readonly admissionMs: number[] = []
  readonly latencies: number[] = []
  readonly statusCodes: Record<string, number> = {}
  errors = 0
  measuring = false
  /** Resolves when every connection has had its first answer. */
  readonly admitted: Promise<void>
  readonly #seen = new Set<object>()

  constructor(instance: Instance, connections: number) {
    let admit = () => {}
    this.admitted = new Promise((resolve) => {
      admit = resolve
    })
    instance.on('response', (client, statusCode, _bytes, ms) => {
      if (!this.#seen.has(client)) {
        this.#seen.add(client)
        this.admissionMs.push(ms)
        if (this.#seen.size === connections) admit()
      } else if (this.measuring) {
        this.latencies.push(ms)
        this.statusCodes[statusCode] = (this.statusCodes[statusCode] ?? 0) + 1
      }
    })
    instance.on('reqError', () => {
      if (this.measuring) this.errors += 1
    })
  }
}

/** How many answers were 2xx, from answers counted by status. */
export function successes(statusCodes: Record<string, number>): number {
  return Object.entries(statusCodes).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0)
}

/** CPU µs per request between two `cpuSeconds` readings; null when either is unknown or nothing was answered. */
export function cpuPerRequest(before: number | null, after: number | null, requests: number): number | null {
  return before === null || after === null || requests === 0 ? null : ((after - before) * 1e6) / requests
}

/** The q-quantile of `values` in whole ms (nearest rank; 0 when there are none). Sorts `values` in place. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0
  values.sort((a, b) => a - b)
  return Math.round(values[Math.min(values.length - 1, Math.floor(q * values.length))])
}
