import { Agent, request as httpRequest } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RequestSpec } from 'autocannon'
import {
  cpuPerRequest,
  cpuSeconds,
  percentile,
  rssMb,
  settled,
  successes,
  type LoadResult,
  type NextRequest,
} from './load'

/**
 * An open loop: request i is sent at start + i / rate whether or not earlier ones have been answered, and its
 * latency runs from that scheduled moment, so a stalled server shows in the percentiles instead of slowing the
 * load (no coordinated omission). autocannon's overallRate is not this: it gives each connection rate/connections
 * requests per second, sent back to back at each second's tick and only when that connection's previous answer
 * came, so the offered load arrives in bursts and drops when the server stalls. Requests go through node:http with a
 * keep-alive agent (as many sockets as requests in flight). Not fetch: the generator shares the 2 cores with the
 * server, and fetch spent 0.9–1.3 ms of CPU per request against node:http's 0.5–0.6 ms, its lag showing up as the
 * server's latency (orders at 350 req/s: p99 22–86 ms through fetch, 19 ms through node:http, same server). It
 * begins once the server is idle (`settled`), not into the queue a closed loop before it left.
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
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
  await settled(server.pid)
  const send = async (scheduledAt: number) => {
    try {
      const status = await answer(server.url, next(), agent)
      statusCodes[status] = (statusCodes[status] ?? 0) + 1
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
  agent.destroy()
  const cpuAfter = cpuSeconds(server.pid)
  return {
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    requests: sent,
    non2xx: latencies.length - successes(statusCodes),
    errors,
    serverCpuUsPerRequest: cpuPerRequest(cpuBefore, cpuAfter, sent),
    statusCodes,
    rssMb: rssMb(server.pid),
    // Its sockets open as requests come due, each as soon as the one before is busy: no burst to admit.
    admission: null,
  }
}

/** Sends one request and resolves with its status once the whole answer has arrived; fails after 10 s. */
function answer(url: string, spec: RequestSpec, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = spec.body === undefined ? undefined : Buffer.from(spec.body)
    const headers = { ...spec.headers, ...(body ? { 'content-length': String(body.length) } : {}) }
    const req = httpRequest(new URL(spec.path ?? '/', url), { method: spec.method ?? 'GET', headers, agent }, (res) => {
      res.on('error', reject)
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.resume()
    })
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')))
    req.on('error', reject)
    req.end(body)
  })
}
