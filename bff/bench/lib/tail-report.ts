import type { LoadResult } from './load'
import { httpFigure, type Figure } from './report'
import type { tailFigures } from './tail-figures'

type Tail = Awaited<ReturnType<typeof tailFigures>>

/** Issue 15's tail target: p99 within 3× p50 and not one failed request. */
const tailMet = (r: LoadResult) => r.requests > 0 && r.p99Ms <= 3 * r.p50Ms && r.non2xx + r.errors === 0

/** Each connection's first answer, which `measure` keeps out of p50 and p99 (Node admits one connection a turn). */
const admitted = (r: LoadResult) =>
  r.admission
    ? `first answers of the ${r.admission.connections} new connections, not in p50/p99: ` +
      `p50 ${r.admission.p50Ms} ms, p99 ${r.admission.p99Ms} ms, max ${r.admission.maxMs} ms`
    : undefined

const mb = (value: number | null) => (value === null ? '?' : value.toFixed(0))

/** The tail figures as lines of the results table, each with its same-run ratio and its target. */
export function tailTable(tail: Tail): Figure[] {
  const { connections, raw, orders, signIn, redis } = tail
  const b = raw.rps
  const conn = `${connections} conn`
  const soak = tail.orders.soak
  // Growth over the soak from the first sample taken after 10 s, so the first seconds' warm-up does not count.
  const settled = soak.samples.find((s) => s.atSeconds >= 10) ?? soak.samples[0]
  const last = soak.samples[soak.samples.length - 1]
  const growth = settled.rssMb !== null && last.rssMb !== null ? last.rssMb - settled.rssMb : Number.NaN
  return [
    httpFigure('(t)', `(b) raw order txn, ${conn}`, raw, { ratio: 1, ratioTo: 'tb', note: admitted(raw) }),
    httpFigure('(t)', `POST /webhooks/orders, ${conn} (SQLite)`, orders.flat, {
      ratio: orders.flat.rps / b,
      ratioTo: 'tb',
      target: '≥ 1× (tb); p99 ≤ 3× p50',
      met: orders.flat.rps >= b && tailMet(orders.flat),
      note: admitted(orders.flat),
    }),
    httpFigure('(t)', `POST /api/sign-in, ${conn} (SQLite)`, signIn.flat, {
      ratio: signIn.flat.rps / b,
      ratioTo: 'tb',
      target: '≥ 1× (tb); p99 ≤ 3× p50',
      met: signIn.flat.rps >= b && tailMet(signIn.flat),
      note: admitted(signIn.flat),
    }),
    httpFigure('(t)', `POST /api/mall/redemptions, ${conn} (SQLite)`, orders.redemptions, {
      ratio: orders.redemptions.rps / b,
      ratioTo: 'tb',
      target: 'p99 ≤ 3× p50',
      met: tailMet(orders.redemptions),
      note: admitted(orders.redemptions),
    }),
    httpFigure('(o)', `orders open loop at ${Math.round(orders.openRate)} req/s (½ of (t))`, orders.open, {
      ratio: orders.open.rps / b,
      ratioTo: 'tb',
      target: 'p99 < 50 ms',
      met: orders.open.requests > 0 && orders.open.p99Ms < 50 && orders.open.non2xx + orders.open.errors === 0,
    }),
    httpFigure('(o)', `sign-in open loop at ${Math.round(signIn.openRate)} req/s (½ of (t))`, signIn.open, {
      ratio: signIn.open.rps / b,
      ratioTo: 'tb',
      target: 'p99 < 50 ms',
      met: signIn.open.requests > 0 && signIn.open.p99Ms < 50 && signIn.open.non2xx + signIn.open.errors === 0,
    }),
    {
      id: '(r)',
      label: 'BFF resident memory after (t) and (o) (orders server)',
      value: orders.rssAfterRun ?? Number.NaN,
      unit: 'MB RSS',
    },
    {
      id: '(s)',
      label: `RSS growth over a ${soak.seconds} s soak of orders at ${Math.round(soak.rate)} req/s`,
      value: growth,
      unit: 'MB',
      p50Ms: soak.result.p50Ms,
      p99Ms: soak.result.p99Ms,
      serverCpuUsPerRequest: soak.result.serverCpuUsPerRequest,
      note:
        `RSS ${soak.samples.map((s) => `${s.atSeconds}s ${mb(s.rssMb)}`).join(', ')} MB` +
        (soak.result.non2xx + soak.result.errors > 0 ? `; ${soak.result.non2xx + soak.result.errors} failed` : ''),
    },
    ...(redis
      ? [
          httpFigure('(rl)', `POST /api/sign-in, rate-limit counters in Redis, ${conn}`, redis.signIn, {
            ratio: redis.signIn.rps / signIn.flat.rps,
            ratioTo: 'same, db counters',
          }),
          httpFigure('(rl)', `POST /api/mall/redemptions, counters in Redis, ${conn}`, redis.redemptions, {
            ratio: redis.redemptions.rps / orders.redemptions.rps,
            ratioTo: 'same, db counters',
          }),
        ]
      : []),
  ]
}
