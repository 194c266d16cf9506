import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { bffDir, runTask } from './lib/child'
import { selectedGroups } from './lib/groups'
import { tailFigures } from './lib/tail-figures'
import { tailTable } from './lib/tail-report'
import { copyDatabase, helloFigures, prepareHttpDatabase, productFigures, rawOrderFigure } from './lib/http-figures'
import type { LoadSettings } from './lib/load'
import { postgresFigures } from './lib/postgres'
import { httpFigure, table, type Figure } from './lib/report'
import { lookupTableFigures, type LookupResult } from './lib/lookup-figures'
import { insightsFigures, type InsightsResult } from './lib/insights-figures'
import { engagementFigures, type EngagementResult } from './lib/engagement-figures'
import {
  simulatorFigure,
  sweepFigures,
  type ImportResult,
  type SimulatorResult,
  type SweepResult,
} from './lib/task-figures'

// `pnpm bench`: every figure of the benchmark section in one run, each server in its own process on
// 127.0.0.1 with a temp database, driven by autocannon from this process. Knobs (environment):
// BENCH_DURATION, BENCH_WARMUP (seconds per HTTP figure), BENCH_CONNECTIONS, BENCH_IMPORT_ROWS,
// BENCH_SWEEP_MEMBERS, BENCH_LOOKUP_MEMBERS, BENCH_INSIGHTS_MEMBERS (0 skips (h) and (i)), BENCH_ENGAGEMENT_MEMBERS
// (0 skips (j), (k) and (l)), BENCH_PG_URL (adds the PostgreSQL figures), BENCH_CHILD_NODE_ARGS (e.g. --cpu-prof),
// BENCH_ONLY (a comma list of groups: http, tail, import, sweeps, simulator, lookups, insights, engagement; unset =
// all), BENCH_TAIL_CONNECTIONS (100), BENCH_SOAK_SECONDS (60), BENCH_REDIS_URL (the Redis-counters variant (rl);
// default redis://127.0.0.1:6379/7, `none` skips it).
const wants = selectedGroups()
const settings: LoadSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 8),
}
const tailSettings: LoadSettings = { ...settings, connections: Number(process.env.BENCH_TAIL_CONNECTIONS ?? 100) }
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 60)
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/7'
const importRows = wants('import') ? Number(process.env.BENCH_IMPORT_ROWS ?? 50_000) : 0
const sweepMembers = wants('sweeps') ? Number(process.env.BENCH_SWEEP_MEMBERS ?? 1_000_000) : 0
const lookupMembers = wants('lookups') ? Number(process.env.BENCH_LOOKUP_MEMBERS ?? 1_000_000) : 0
const insightsMembers = wants('insights') ? Number(process.env.BENCH_INSIGHTS_MEMBERS ?? 1_000_000) : 0
const engagementMembers = wants('engagement') ? Number(process.env.BENCH_ENGAGEMENT_MEMBERS ?? 1_000_000) : 0
const started = new Date()
const loadBefore = loadavg()
const step = (text: string) =>
  process.stderr.write(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0)}s] ${text}\n`)
const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'))

try {
  const template = wants('http') || wants('tail') ? await httpTemplate() : null
  const http = template && wants('http') ? await httpRun(template) : null
  const tail =
    template && wants('tail')
      ? await tailFigures({
          dir,
          template,
          settings: tailSettings,
          soakSeconds,
          redisUrl: redisUrl === 'none' ? null : redisUrl,
          step,
        })
      : null
  if (wants('import')) step(`(d) migration import of ${importRows.toLocaleString('en-US')} rows`)
  const imported = wants('import')
    ? await runTask<ImportResult>('bench/tasks/import.ts', { BENCH_IMPORT_ROWS: String(importRows), BENCH_TMP: dir })
    : null
  if (wants('sweeps')) step(`(e) generating ${sweepMembers.toLocaleString('en-US')} members, then the sweeps`)
  const sweeps = wants('sweeps')
    ? await runTask<SweepResult>('bench/tasks/sweeps.ts', { BENCH_SWEEP_MEMBERS: String(sweepMembers), BENCH_TMP: dir })
    : null
  if (wants('simulator')) step('(f) the rules simulator over 100,000 members')
  const simulator = wants('simulator')
    ? await runTask<SimulatorResult>('bench/tasks/simulator.ts', { BENCH_TMP: dir })
    : null
  if (wants('lookups')) step(`(g) console lookups: ${lookupMembers.toLocaleString('en-US')} members`)
  const lookups = wants('lookups')
    ? await runTask<LookupResult>('bench/tasks/lookups.ts', {
        BENCH_LOOKUP_MEMBERS: String(lookupMembers),
        BENCH_TMP: dir,
        BENCH_CONNECTIONS: String(settings.connections),
        BENCH_WARMUP: String(settings.warmupSeconds),
        BENCH_DURATION: String(settings.durationSeconds),
      })
    : null
  if (insightsMembers > 0)
    step(`(h)(i) insights: ${insightsMembers.toLocaleString('en-US')} members, the nightly job, then the reports`)
  const insights =
    insightsMembers > 0
      ? await runTask<InsightsResult>('bench/tasks/insights.ts', {
          BENCH_INSIGHTS_MEMBERS: String(insightsMembers),
          BENCH_TMP: dir,
        })
      : null
  if (engagementMembers > 0)
    step(`(j)(k)(l) engagement: ${engagementMembers.toLocaleString('en-US')} members, journeys, a campaign, the drain`)
  const engagement =
    engagementMembers > 0
      ? await runTask<EngagementResult>('bench/tasks/engagement.ts', {
          BENCH_ENGAGEMENT_MEMBERS: String(engagementMembers),
          BENCH_TMP: dir,
        })
      : null

  // Without the HTTP group there is no (a) or (b): the other figures' ratios are then left blank.
  const a = http?.hello.hono.rps ?? Number.NaN
  const b = http?.raw.rps ?? Number.NaN
  const figures: Figure[] = [
    ...(http ? httpFigures(http) : []),
    ...(tail ? tailTable(tail) : []),
    ...(imported
      ? [
          {
            id: '(d)',
            label: `migration import, ${importRows.toLocaleString('en-US')} rows (SQLite)`,
            value: imported.rowsPerSecond,
            unit: 'rows/s',
            ratio: imported.rowsPerSecond / b,
            ratioTo: 'b',
            note: imported.imported === importRows ? undefined : `${imported.rejected} rows rejected`,
          },
        ]
      : []),
    ...(sweeps ? sweepFigures(sweeps, b, 'SQLite') : []),
    ...(simulator ? [simulatorFigure(simulator, b)] : []),
    ...(lookups ? lookupTableFigures(lookups, 'SQLite') : []),
    ...(insights ? insightsFigures(insights, 'SQLite') : []),
    ...(engagement ? engagementFigures(engagement, 'SQLite') : []),
  ]
  const pg = process.env.BENCH_PG_URL
    ? await postgresFigures(process.env.BENCH_PG_URL, settings, {
        a,
        b,
        importRows,
        sweepMembers,
        lookupMembers,
        insightsMembers,
        step,
        wants,
        tailSettings,
      })
    : null
  if (pg) figures.push(...pg.figures)
  // On PostgreSQL in its own schema of the BENCH_PG_URL database (the task drops it afterwards).
  const engagementPg =
    process.env.BENCH_PG_URL && engagementMembers > 0
      ? await runTask<EngagementResult>('bench/tasks/engagement.ts', {
          BENCH_ENGAGEMENT_MEMBERS: String(engagementMembers),
          BENCH_DATABASE_URL: process.env.BENCH_PG_URL,
          BENCH_PG_SCHEMA: 'bench_engagement',
        })
      : null
  if (engagementPg) figures.push(...engagementFigures(engagementPg, 'PostgreSQL'))

  const loadAfter = loadavg()
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavgBefore: loadBefore,
    loadavgAfter: loadAfter,
  }
  const results = {
    startedAt: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    machine,
    settings,
    tailSettings,
    soakSeconds,
    importRows,
    sweepMembers,
    lookupMembers,
    insightsMembers,
    engagementMembers,
    figures,
    details: {
      http,
      tail,
      imported,
      sweeps,
      simulator,
      lookups,
      insights,
      engagement,
      postgres: pg?.details ?? null,
      engagementPg,
    },
  }
  mkdirSync(join(bffDir, 'bench/results'), { recursive: true })
  writeFileSync(join(bffDir, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`)

  console.log(
    `\nMember center benchmark, ${started.toISOString()} — ${machine.cpus} × ${machine.model}, Node ${machine.node}, ` +
      `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before / ` +
      `${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
  )
  console.log(
    `HTTP: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ` +
      `${settings.durationSeconds} s measured per figure ` +
      `(${tailSettings.connections} connections for (t), (rl), (m1), (m2)); ` +
      'cpu/req = server process CPU (user + system) per request\n',
  )
  console.log(table(figures))
  if (sweeps)
    console.log(
      `\nDue on the swept day: ${sweeps.due.dueLots.toLocaleString('en-US')} lots of ` +
        `${sweeps.due.dueLotMembers.toLocaleString('en-US')} members; ` +
        `${sweeps.due.dueTiers.toLocaleString('en-US')} tier validities ended. ` +
        `Drift after the sweeps: ${sweeps.drift}.`,
    )
  console.log(`Results: bench/results/latest.json (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

async function httpTemplate() {
  step('preparing the HTTP database (10,000 members with ledgers, 2,000 sessions)')
  return prepareHttpDatabase(dir)
}

/** (a0), (a), (b) and (c): hello world, the raw order transaction, then the product, on SQLite. */
async function httpRun(template: Awaited<ReturnType<typeof httpTemplate>>) {
  step('(a) hello world: bare node:http, then Hono')
  const hello = await helloFigures(settings)
  step('(b) raw node:http + better-sqlite3 order transaction')
  const raw = await rawOrderFigure(copyDatabase(template.path, join(dir, 'raw.db')), template.members, settings)
  step('(c) the product: POST /webhooks/orders, GET /api/me, then POST /api/mall/redemptions')
  const product = await productFigures(
    copyDatabase(template.path, join(dir, 'product.db')),
    template.members,
    settings,
    'sqlite',
  )
  return { hello, raw, product }
}

/** The targets are issue 15's (2026-12-04), each a ratio to a baseline of the same run. */
function httpFigures({ hello, raw, product }: Awaited<ReturnType<typeof httpRun>>): Figure[] {
  const a = hello.hono.rps
  const b = raw.rps
  return [
    httpFigure('(a0)', 'bare node:http hello world', hello.bareNode, { ratio: hello.bareNode.rps / a, ratioTo: 'a' }),
    httpFigure('(a)', 'Hono hello world', hello.hono, { ratio: 1, ratioTo: 'a' }),
    httpFigure('(b)', 'raw node:http + better-sqlite3 order txn', raw, { ratio: 1, ratioTo: 'b' }),
    httpFigure('(c)', 'POST /webhooks/orders (SQLite)', product.orders, {
      ratio: product.orders.rps / b,
      ratioTo: 'b',
      target: '≥ 1.0× (b)',
      met: product.orders.rps >= b,
    }),
    httpFigure('(c)', 'GET /api/me (SQLite)', product.me, {
      ratio: product.me.rps / a,
      ratioTo: 'a',
      target: '≥ 0.25× (a)',
      met: product.me.rps >= 0.25 * a,
    }),
    httpFigure('(c)', 'POST /api/mall/redemptions (SQLite)', product.redemptions, {
      ratio: product.redemptions.rps / b,
      ratioTo: 'b',
      target: '≥ 0.8× (b)',
      met: product.redemptions.rps >= 0.8 * b,
    }),
  ]
}
