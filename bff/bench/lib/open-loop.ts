import { setTimeout as sleep } from 'node:timers/promises'
import { cpuSeconds, rssMb, type LoadResult, type NextRequest } from './load'

/**
 * An open loop: request i is sent at start + i / rate whether or not earlier ones have been answered, and its
 * latency runs from that scheduled moment, so a stalled server shows in the percentiles instead of slowing the
 * load (no coordinated omission). autocannon's overallRate is not this: it gives each connection rate/connections
 * requests per second, sent back to back at each second's tick and only when that connection's previous answer
 * came, so the offered load arrives in bursts and drops when the server stalls. Requests go through fetch (keep-alive,
 * as many sockets as requests in flight).
 */
export async function openLoop(
  server: { url: string; pid: number },
  next: NextRequest,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = []
  const statusCodes: Record<string, number> = {}
  let errors = 0
  const inFlight: Promise<void>[] = []
  const send = async (scheduledAt: number) => {
    const request = next()
    try {
      const response = await fetch(server.url + (request.path ?? '/'), {
        method: request.method ?? 'GET',
        headers: request.headers,
        body: typeof request.body === 'string' ? request.body : request.body && new Uint8Array(request.body),
        signal: AbortSignal.timeout(10_000),
      })
      await response.arrayBuffer()
      statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1
      latencies.push(performance.now() - scheduledAt)
    } catch {
      errors += 1
    }
  }
  const cpuBefore = cpuSeconds(server.pid)
  const start = performance.now()
  const end = start + seconds * 1000
  let sent = 0
  for (;;) {
    const now = performance.now()
    if (now >= end) break
    const due = Math.floor(((now - start) / 1000) * rate)
    for (; sent < due; sent += 1) inFlight.push(send(start + (sent / rate) * 1000))
    await sleep(1)
  }
  await Promise.all(inFlight)
  const cpuAfter = cpuSeconds(server.pid)
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    latencies.length === 0 ? 0 : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))])
  const ok = Object.entries(statusCodes).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0)
  return {
    rps: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    requests: sent,
    non2xx: latencies.length - ok,
    errors,
    serverCpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || sent === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / sent,
    statusCodes,
    rssMb: rssMb(server.pid),
  }
}
