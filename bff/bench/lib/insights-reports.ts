import { addDays, permissions, reportKeys, type ReportKey } from '@mc/shared'
import type { Kysely } from 'kysely'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { createApp } from '../../src/app'
import { storeApiKey } from '../../src/auth/api-keys'
import type { DatabaseKind } from '../../src/db/database'
import type { Database } from '../../src/db/schema'
import { createDiskImageStore } from '../../src/uploads/image-store'
import type { QueryTime } from './insights-timing'

const benchKey = 'mckey_bench_insights_0123456789abcdef'

/** One report's timings over `runs` requests after one warm-up: median and slowest, and its slowest statements. */
export interface ReportTiming {
  path: string
  status: number
  medianMs: number
  maxMs: number
  bytes: number
  slowest: QueryTime[]
}

/**
 * The product's app in this process (no HTTP: `app.request`, so the figure is the handler, the middleware and the
 * database, not the network), with an API key holding every permission and the clock at `now`.
 */
export async function reportApp(db: Kysely<Database>, kind: DatabaseKind, now: Date) {
  const existing = await db.selectFrom('api_keys').select('id').where('name', '=', 'bench insights').executeTakeFirst()
  if (!existing) {
    await storeApiKey(db, { name: 'bench insights', permissions, createdBy: null, now, secret: benchKey })
  }
  const images = mkdtempSync(join(tmpdir(), 'mc-bench-images-'))
  const app = createApp({
    db,
    databaseKind: kind,
    clock: { now: () => now },
    logger: pino({ level: 'silent' }),
    version: 'bench',
    webhookSecret: null,
    qrSceneSecret: null,
    payments: null,
    outreach: { wechat: null, sms: null },
    images: createDiskImageStore(images),
    joinQr: { publicBaseUrl: 'http://localhost:3000', wechat: null },
    mall: { paymentTimeoutMinutes: 15 },
    checkResponses: false,
    auth: { localLoginEnabled: false, sessionTtlHours: 24, wechat: null },
  })
  return { app, cleanup: () => rmSync(images, { recursive: true, force: true }) }
}

type App = Awaited<ReturnType<typeof reportApp>>['app']

async function timePath(
  app: App,
  path: string,
  runs: number,
  queries: { mark(): void; slowest(n: number): QueryTime[] },
): Promise<ReportTiming> {
  const headers = { authorization: `Bearer ${benchKey}` }
  const first = await app.request(path, { headers })
  const body = await first.text()
  if (first.status !== 200) process.stderr.write(`[insights reports] ${path}: ${first.status} ${body.slice(0, 300)}\n`)
  const times: number[] = []
  queries.mark()
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now()
    const response = await app.request(path, { headers })
    await response.arrayBuffer()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return {
    path,
    status: first.status,
    medianMs: times[Math.floor(times.length / 2)],
    maxMs: times[times.length - 1],
    bytes: body.length,
    slowest: queries.slowest(3),
  }
}

/**
 * Every report over the year ending `day` (365 days, inside the 366 allowed), and the baseline: the settings read
 * through the same app, key check, permission and JSON (one small row from the database).
 */
export async function timeReports(
  app: App,
  day: string,
  runs: number,
  queries: { mark(): void; slowest(n: number): QueryTime[] },
) {
  const baseline = await timePath(app, '/api/admin/insights/settings', runs, queries)
  const range = `from=${addDays(day, -364)}&to=${day}`
  const reports = {} as Record<ReportKey, ReportTiming>
  for (const key of reportKeys) reports[key] = await timePath(app, `/api/admin/insights/${key}?${range}`, runs, queries)
  const weeklyActions = await timePath(app, '/api/admin/insights/weekly-actions', runs, queries)
  return { baseline, reports, weeklyActions }
}
