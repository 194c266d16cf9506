import BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { openDatabase, type OpenDatabase } from '../../src/db/database'
import type { Database } from '../../src/db/schema'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { postgresDialect, sqliteDialect } from './insights-dialect'
import { insightsPopulationSql } from './insights-population'

/** Where the generated database lives and what it holds; a finished load is marked, so later runs can reuse it. */
export interface InsightsTarget {
  /** A SQLite file path, or a PostgreSQL URL with `schema`. */
  url: string
  schema?: string
}

export interface LoadMark {
  members: number
  today: string
  seconds: number
  steps: Array<{ step: string; seconds: number }>
}

const temps = ['bench_days', 'bench_pop', 'bench_o', 'bench_tier', 'bench_sign']
const log = (text: string) => process.stderr.write(`[insights load] ${text}\n`)
const summary = (statement: string) => statement.replace(/\s+/g, ' ').slice(0, 70)

/** PostgreSQL builds an index from sorted rows several times faster than it grows one row by row. */
const bulkTables = ['ledger_entries', 'ledger_lots', 'orders', 'order_lines', 'benefit_events', 'tier_changes']

/**
 * Drops `table`'s indexes and unique constraints other than its primary key (nothing references them) and returns
 * the statements that put them back exactly as the migrations made them.
 */
async function dropSecondaryIndexes(conn: Kysely<Database>, table: string): Promise<string[]> {
  const { rows: constraints } = await sql<{ name: string; def: string }>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = ${table}::regclass and contype = 'u'`.execute(conn)
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename = ${table}
      and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`.execute(conn)
  const restore: string[] = []
  for (const c of constraints) {
    await sql.raw(`alter table ${table} drop constraint ${c.name}`).execute(conn)
    restore.push(`alter table ${table} add constraint ${c.name} ${c.def}`)
  }
  for (const i of indexes) {
    await sql.raw(`drop index ${i.name}`).execute(conn)
    restore.push(i.def)
  }
  return restore
}

/** The PostgreSQL bench schema is shared with parallel spec runs' schemas: migrate under their advisory lock. */
async function withMigrationLock<T>(url: string, mode: 'shared' | 'exclusive', work: () => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(
      mode === 'shared' ? 'select pg_advisory_lock_shared(7210001)' : 'select pg_advisory_lock(7210001)',
    )
    return await work()
  } finally {
    await client.end()
  }
}

export function openTarget(target: InsightsTarget): OpenDatabase {
  return openDatabase(target.url, target.schema ? { searchPath: target.schema } : {})
}

/** The mark of a finished load with these parameters, or null (then the target is rebuilt from scratch). */
export async function loadedMark(target: InsightsTarget, members: number, today: string): Promise<LoadMark | null> {
  let text: string | null = null
  if (!target.schema) {
    text = existsSync(`${target.url}.loaded`) ? readFileSync(`${target.url}.loaded`, 'utf8') : null
  } else {
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    const { rows } = await client.query<{ d: string | null }>(
      `select obj_description(oid, 'pg_namespace') as d from pg_namespace where nspname = $1`,
      [target.schema],
    )
    await client.end()
    text = rows[0]?.d ?? null
  }
  if (!text) return null
  const mark = JSON.parse(text) as LoadMark
  return mark.members === members && mark.today === today ? mark : null
}

/** Drops the PostgreSQL schema of `target` with everything in it, creates it anew and migrates it; returns it open. */
export async function freshPostgresSchema(target: InsightsTarget, schema: string): Promise<OpenDatabase> {
  const admin = openDatabase(target.url)
  await withMigrationLock(target.url, 'exclusive', async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db)
    await sql`create schema ${sql.id(schema)}`.execute(admin.db)
  })
  await admin.close()
  const opened = openTarget(target)
  await withMigrationLock(target.url, 'shared', () => prepareDatabase(opened.db))
  return opened
}

/** Drops whatever is there, migrates, seeds the defaults and writes the population; returns the load's timings. */
export async function loadInsightsPopulation(target: InsightsTarget, members: number, today: string) {
  const started = performance.now()
  const steps: LoadMark['steps'] = []
  const statements = insightsPopulationSql(target.schema ? postgresDialect : sqliteDialect, members, today)
  const timed = async (statement: string, run: () => Promise<unknown> | unknown) => {
    const at = performance.now()
    await run()
    const seconds = (performance.now() - at) / 1000
    steps.push({ step: summary(statement), seconds })
    if (seconds > 1) log(`${seconds.toFixed(1)} s  ${summary(statement)}`)
  }
  if (target.schema) {
    const opened = await freshPostgresSchema(target, target.schema)
    await opened.db.connection().execute(async (conn) => {
      const run = (text: string) => sql.raw(text).execute(conn)
      // Foreign-key triggers off while loading (the rows are consistent by construction), as population-postgres.
      await run('set session_replication_role = replica')
      await run('set synchronous_commit = off')
      await run('set statement_timeout = 0') // the pool's request-sized limit would cancel the bulk inserts
      await run(`set work_mem = '512MB'`)
      await run(`set maintenance_work_mem = '1GB'`)
      const rebuild: string[] = []
      for (const table of bulkTables) rebuild.push(...(await dropSecondaryIndexes(conn, table)))
      for (const statement of statements) await timed(statement, () => run(statement))
      for (const table of temps) await run(`drop table if exists ${table}`)
      for (const statement of rebuild) await timed(statement, () => run(statement))
      // A database that has been running a while has its visibility maps set by autovacuum, so index-only scans
      // skip the table; a fresh bulk load has none until the first vacuum, which would make the job read the heap.
      await timed('vacuum analyze', () => run('vacuum analyze'))
    })
    await opened.close()
  } else {
    for (const ext of ['', '-wal', '-shm', '.loaded']) rmSync(target.url + ext, { force: true })
    const created = openDatabase(target.url)
    await prepareDatabase(created.db)
    await created.close()
    const db = new BetterSqlite3(target.url)
    // No journal while loading (a failed load is thrown away); WAL again afterwards, as the product opens it.
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.pragma('foreign_keys = OFF')
    db.pragma('cache_size = -4000000')
    db.pragma('temp_store = MEMORY')
    for (const statement of statements) await timed(statement, () => db.exec(statement))
    for (const table of temps) db.exec(`drop table if exists temp.${table}`)
    db.pragma('journal_mode = WAL')
    db.close()
    // Flush the generated gigabytes now, so the timed job does not pay for the kernel writing them back.
    const fd = openSync(target.url, 'r+')
    fsyncSync(fd)
    closeSync(fd)
  }
  const mark: LoadMark = { members, today, seconds: (performance.now() - started) / 1000, steps }
  await writeMark(target, mark)
  return mark
}

async function writeMark(target: InsightsTarget, mark: LoadMark) {
  const text = JSON.stringify(mark)
  if (!target.schema) {
    writeFileSync(`${target.url}.loaded`, text)
    return
  }
  const client = new pg.Client({ connectionString: target.url })
  await client.connect()
  await client.query(`comment on schema ${target.schema} is '${text.replace(/'/g, "''")}'`)
  await client.end()
}

/** Removes a generated PostgreSQL schema (under the spec runs' lock) or SQLite file with its mark. */
export async function dropTarget(target: InsightsTarget): Promise<void> {
  if (!target.schema) {
    for (const ext of ['', '-wal', '-shm', '.loaded']) rmSync(target.url + ext, { force: true })
    return
  }
  const schema = target.schema
  const admin = openDatabase(target.url)
  await withMigrationLock(target.url, 'exclusive', () =>
    sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db),
  )
  await admin.close()
}
