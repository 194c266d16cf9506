import { snapshotDayTables } from '../../src/analytics/snapshots/build-snapshot-day'
import { addDays } from '@mc/shared'
import { CompiledQuery, Kysely, PostgresDialect, sql, type LogEvent } from 'kysely'
import { openSqliteFile } from '../../src/db/database'
import { createPgPool } from '../../src/db/pg-pool'
import { databaseSettings } from '../../src/env'
import { roomForAggregates } from '../../src/db/long-statements'
import type { Database } from '../../src/db/schema'
import { ImmediateSqliteDialect } from '../../src/db/sqlite-immediate-dialect'
import type { InsightsTarget } from './insights-load'

/** One statement the product ran, and how long the database took for it. */
export interface QueryTime {
  ms: number
  sql: string
  parameters?: readonly unknown[]
}

/** The bench's target opened as `openDatabase` opens it (same pragmas, pool and dialect), with `log` on every query. */
export function openLoggedDatabase(target: InsightsTarget, log: (event: LogEvent) => void) {
  const db = target.schema
    ? new Kysely<Database>({
        dialect: new PostgresDialect({
          // The app's own pool (named statements, no JIT), without the request-sized timeouts: the bench's
          // population statements run for minutes.
          pool: createPgPool(
            target.url,
            { ...databaseSettings({}), DATABASE_STATEMENT_TIMEOUT_MS: 0, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 0 },
            target.schema,
          ),
        }),
        log,
      })
    : new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteFile(target.url)), log })
  return { db, kind: target.schema ? ('postgres' as const) : ('sqlite' as const) }
}

/**
 * The database exactly as `openDatabase` opens it (same pragmas, same pool), plus Kysely's query log, so the bench
 * can name the statements the time went to. `mark()` starts a new stretch; `slowest(n)` reports that stretch's.
 */
export function openTimedDatabase(target: InsightsTarget) {
  let queries: QueryTime[] = []
  const log = (event: LogEvent) => {
    queries.push({
      ms: event.queryDurationMillis,
      sql: event.query.sql.replace(/\s+/g, ' '),
      parameters: event.query.parameters,
    })
  }
  const { db, kind } = openLoggedDatabase(target, log)
  return {
    db,
    kind,
    mark: () => {
      queries = []
    },
    slowest: (n: number, minMs = 20): QueryTime[] =>
      [...queries]
        .sort((a, b) => b.ms - a.ms)
        .filter((q) => q.ms >= minMs)
        .slice(0, n)
        .map((q) => ({ ms: Math.round(q.ms), sql: q.sql, parameters: q.parameters })),
    close: () => db.destroy(),
  }
}

export const snapshotTables = [
  'snapshot_days',
  ...snapshotDayTables,
  'snapshot_segments',
  'snapshot_benefit_reach',
  'snapshot_comparisons',
] as const

/** Everything a previous run of the job wrote, so every run measures the same first night. */
export async function resetInsights(db: Kysely<Database>): Promise<void> {
  for (const table of [...snapshotTables, 'snapshot_outlet_cohorts', 'member_insights'] as const) {
    await sql`delete from ${sql.table(table)}`.execute(db)
  }
  await db.deleteFrom('member_tags').where('source', '=', 'category').execute()
  await db.deleteFrom('job_runs').where('job', '=', 'insights').execute()
  await db.deleteFrom('job_leases').where('job', '=', 'insights').execute()
}

/**
 * The floor of the nightly job's work, measured on the same database in the same run: one grouped pass over the
 * orders of the RFM window (what any per-member score must read at least once), and a count of every order.
 */
export async function baselineScan(db: Kysely<Database>, from: string) {
  const started = performance.now()
  const { rows } = await sql<{ members: number | string }>`
    select count(*) as members from (
      select member_id, count(*) as n, sum(paid_fen - refunded_fen) as spend, max(paid_at) as last_paid
      from orders where paid_at >= ${from} group by member_id) g`.execute(db)
  const groupedSeconds = (performance.now() - started) / 1000
  const counted = performance.now()
  const total = await sql<{ n: number | string }>`select count(*) as n from orders`.execute(db)
  return {
    groupedSeconds,
    membersWithOrders: Number(rows[0].members),
    orders: Number(total.rows[0].n),
    countSeconds: (performance.now() - counted) / 1000,
  }
}

/**
 * A year of history for the reports: every per-day snapshot table's rows of `day` copied to the `days` business
 * days before it, except the day before `day` (built for real). Reports read only snapshots, so this gives a
 * one-year range exactly the row counts a year of nightly runs leaves.
 */
export async function cloneSnapshotHistory(db: Kysely<Database>, day: string, days: number): Promise<number> {
  const targets = Array.from({ length: days - 1 }, (_, n) => addDays(day, -(n + 2)))
  const list = targets.map((d) => `select '${d}' as bench_day`).join(' union all ')
  let rows = 0
  for (const table of snapshotTables) {
    const { rows: sample } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} where business_day = ${day} limit 1`.execute(db)
    if (sample.length === 0) continue
    const columns = Object.keys(sample[0])
    const values = columns.map((c) => (c === 'business_day' ? 'x.bench_day' : `t.${c}`)).join(', ')
    const [newest, oldest] = [targets[0], targets.at(-1)]
    await sql`delete from ${sql.table(table)} where business_day >= ${oldest} and business_day <= ${newest}`.execute(db)
    const result = await sql
      .raw(
        `insert into ${table} (${columns.join(', ')}) select ${values} from ${table} t
         cross join (${list}) x where t.business_day = '${day}'`,
      )
      .execute(db)
    rows += Number(result.numAffectedRows ?? 0)
  }
  return rows
}

/**
 * The plan of a statement the product ran: PostgreSQL runs it under EXPLAIN ANALYZE in a transaction it rolls back
 * (so a snapshot insert is timed but not kept); SQLite shows its query plan without running it.
 */
export async function explainQuery(db: Kysely<Database>, kind: 'sqlite' | 'postgres', query: QueryTime) {
  return db.connection().execute(async (conn) => {
    const run = (text: string, parameters: readonly unknown[] = []) =>
      conn.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]))
    if (kind === 'sqlite') {
      const { rows } = await run(`explain query plan ${query.sql}`, query.parameters)
      return rows.map((r) => `${r.id}/${r.parent} ${r.detail}`).join('\n')
    }
    await run('begin')
    try {
      // As the job runs it: without these settings the plan spills and compiles where the job did not.
      await roomForAggregates(conn)
      // The statement's rows are there already (the job ran): empty its table first, inside the rolled-back work.
      const table = /insert into (\w+)/i.exec(query.sql)?.[1]
      if (table) await run(`delete from ${table}`)
      const { rows } = await run(`explain (analyze, buffers) ${query.sql}`, query.parameters)
      return rows.map((r) => String(r['QUERY PLAN'])).join('\n')
    } finally {
      await run('rollback')
    }
  })
}
