import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { runTask } from './child'
import { issueBenchSessions } from './http-fixtures'
import { productFigures } from './http-figures'
import type { LoadSettings } from './load'
import { memberIdOf, sweepDay } from './population'
import { populatePostgres } from './population-postgres'
import type { BenchGroup } from './groups'
import { twoInstanceFigures } from './two-instances'
import { httpFigure, type Figure } from './report'
import { sweepFigures, type ImportResult, type SweepResult } from './task-figures'
import { lookupTableFigures, type LookupResult } from './lookup-figures'
import { insightsFigures, type InsightsResult } from './insights-figures'

const httpMembers = 10_000
const sessions = 2_000

/** A fresh database on the server BENCH_PG_URL names, dropped again by `drop()`. */
async function freshDatabase(serverUrl: string) {
  const name = `mc_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/** (c), (d), (e) and (g) again on PostgreSQL, with ratios to the SQLite run's (a) and (b). */
export async function postgresFigures(
  serverUrl: string,
  settings: LoadSettings,
  context: {
    a: number
    b: number
    importRows: number
    sweepMembers: number
    lookupMembers: number
    insightsMembers: number
    step: (text: string) => void
    /** The groups BENCH_ONLY selected: the others are not run on PostgreSQL either. */
    wants: (group: BenchGroup) => boolean
    /** The tail figures' load (100 connections), for one and two BFF processes on one database. */
    tailSettings: LoadSettings
  },
) {
  const { a, b, step, wants } = context
  const databases: Array<{ drop(): Promise<void> }> = []
  try {
    const fresh = async () => {
      const database = await freshDatabase(serverUrl)
      databases.push(database)
      return database
    }
    let product: Awaited<ReturnType<typeof productFigures>> | null = null
    let instances: Awaited<ReturnType<typeof twoInstanceFigures>> | null = null
    if (wants('http') || wants('tail')) {
      step('PostgreSQL: preparing the HTTP database')
      const http = await fresh()
      const opened = openDatabase(http.url)
      await prepareDatabase(opened.db)
      await populatePostgres(opened.db, httpMembers, sweepDay())
      const memberIds = Array.from({ length: httpMembers }, (_, i) => memberIdOf(i))
      const tokens = await issueBenchSessions(opened.db, memberIds.slice(0, sessions), new Date())
      await opened.close()
      if (wants('http')) {
        step('PostgreSQL (c): POST /webhooks/orders, then GET /api/me')
        product = await productFigures(http.url, { memberIds, tokens }, settings, 'postgres')
      }
      if (wants('tail')) {
        step(
          `PostgreSQL: GET /api/me and order posting, one then two BFF processes, ` +
            `${context.tailSettings.connections} connections`,
        )
        instances = await twoInstanceFigures(http.url, { memberIds, tokens }, context.tailSettings)
      }
    }

    let imported: ImportResult | null = null
    if (wants('import')) {
      step(`PostgreSQL (d): migration import of ${context.importRows.toLocaleString('en-US')} rows`)
      imported = await runTask<ImportResult>('bench/tasks/import.ts', {
        BENCH_IMPORT_ROWS: String(context.importRows),
        BENCH_DATABASE_URL: (await fresh()).url,
      })
    }

    let sweeps: SweepResult | null = null
    if (wants('sweeps')) {
      step(`PostgreSQL (e): generating ${context.sweepMembers.toLocaleString('en-US')} members, then the sweeps`)
      sweeps = await runTask<SweepResult>('bench/tasks/sweeps.ts', {
        BENCH_SWEEP_MEMBERS: String(context.sweepMembers),
        BENCH_DATABASE_URL: (await fresh()).url,
      })
    }

    let lookups: LookupResult | null = null
    if (wants('lookups')) {
      step(`PostgreSQL (g): ${context.lookupMembers.toLocaleString('en-US')} members, then the console lookups`)
      lookups = await runTask<LookupResult>('bench/tasks/lookups.ts', {
        BENCH_LOOKUP_MEMBERS: String(context.lookupMembers),
        BENCH_DATABASE_URL: (await fresh()).url,
        BENCH_CONNECTIONS: String(settings.connections),
        BENCH_WARMUP: String(settings.warmupSeconds),
        BENCH_DURATION: String(settings.durationSeconds),
      })
    }

    let insights: InsightsResult | null = null
    if (context.insightsMembers > 0) {
      step(`PostgreSQL (h)(i): ${context.insightsMembers.toLocaleString('en-US')} members, the insights job, reports`)
      insights = await runTask<InsightsResult>('bench/tasks/insights.ts', {
        BENCH_INSIGHTS_MEMBERS: String(context.insightsMembers),
        BENCH_DATABASE_URL: (await fresh()).url,
        BENCH_PG_SCHEMA: 'bench_insights',
      })
    }

    const figures: Figure[] = [
      ...(product
        ? [
            httpFigure('(c)', 'POST /webhooks/orders (PostgreSQL)', product.orders, {
              ratio: product.orders.rps / b,
              ratioTo: 'b',
              target: '≥ 0.5× (b)',
              met: product.orders.rps >= 0.5 * b,
            }),
            httpFigure('(c)', 'GET /api/me (PostgreSQL)', product.me, {
              ratio: product.me.rps / a,
              ratioTo: 'a',
              target: '≥ 0.1× (a)',
              met: product.me.rps >= 0.1 * a,
            }),
            httpFigure('(c)', 'POST /api/mall/redemptions (PostgreSQL)', product.redemptions, {
              ratio: product.redemptions.rps / b,
              ratioTo: 'b',
              target: '≥ 0.4× (b)',
              met: product.redemptions.rps >= 0.4 * b,
            }),
          ]
        : []),
      ...(instances
        ? [
            httpFigure(
              '(m1)',
              `GET /api/me, 1 BFF (PostgreSQL, ${context.tailSettings.connections} conn)`,
              instances.one.me,
              {
                ratio: 1,
                ratioTo: 'm1',
              },
            ),
            httpFigure('(m1)', `GET /api/me, 2 BFFs on one database`, instances.two.me, {
              ratio: instances.two.me.rps / instances.one.me.rps,
              ratioTo: 'm1',
              note: 'no target: both share 2 cores with PostgreSQL and autocannon',
            }),
            httpFigure(
              '(m2)',
              `order posting, 1 BFF (PostgreSQL, ${context.tailSettings.connections} conn)`,
              instances.one.orders,
              {
                ratio: 1,
                ratioTo: 'm2',
              },
            ),
            httpFigure('(m2)', `order posting, 2 BFFs on one database`, instances.two.orders, {
              ratio: instances.two.orders.rps / instances.one.orders.rps,
              ratioTo: 'm2',
              note: 'no target',
            }),
          ]
        : []),
      ...(imported
        ? [
            {
              id: '(d)',
              label: `migration import, ${context.importRows.toLocaleString('en-US')} rows (PostgreSQL)`,
              value: imported.rowsPerSecond,
              unit: 'rows/s',
              ratio: imported.rowsPerSecond / b,
              ratioTo: 'b',
            },
          ]
        : []),
      ...(sweeps ? sweepFigures(sweeps, b, 'PostgreSQL') : []),
      ...(lookups ? lookupTableFigures(lookups, 'PostgreSQL') : []),
      ...(insights ? insightsFigures(insights, 'PostgreSQL') : []),
    ]
    return { figures, details: { product, instances, imported, sweeps, lookups, insights } }
  } finally {
    for (const database of databases) await database.drop().catch(() => {})
  }
}
