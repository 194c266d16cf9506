import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import pg from 'pg'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { postgresDialect, sqliteDialect } from './insights-dialect'
import { freshPostgresSchema, type InsightsTarget } from './insights-load'
import { engagementPopulationSql } from './engagement-population'

/** A finished engagement load, written beside the SQLite file or as the PostgreSQL schema's comment. */
export interface EngagementMark {
  population: 'engagement'
  members: number
  today: string
  seconds: number
}

const log = (text: string) => process.stderr.write(`[engagement load] ${text}\n`)
const summary = (statement: string) => statement.replace(/\s+/g, ' ').slice(0, 70)

async function readMark(target: InsightsTarget): Promise<string | null> {
  if (!target.schema) return existsSync(`${target.url}.loaded`) ? readFileSync(`${target.url}.loaded`, 'utf8') : null
  const client = new pg.Client({ connectionString: target.url })
  await client.connect()
  try {
    const { rows } = await client.query<{ d: string | null }>(
      `select obj_description(oid, 'pg_namespace') as d from pg_namespace where nspname = $1`,
      [target.schema],
    )
    return rows[0]?.d ?? null
  } finally {
    await client.end()
  }
}

/** The mark of a finished engagement load with these parameters, or null (then the target is rebuilt). */
export async function engagementMark(target: InsightsTarget, members: number, today: string) {
  const text = await readMark(target)
  const mark = text ? (JSON.parse(text) as Partial<EngagementMark>) : null
  return mark?.population === 'engagement' && mark.members === members && mark.today === today
    ? (mark as EngagementMark)
    : null
}

/** Drops whatever is at `target`, migrates, seeds the defaults and writes the population; marks it loaded. */
export async function loadEngagementPopulation(target: InsightsTarget, members: number, today: string) {
  const started = performance.now()
  const statements = engagementPopulationSql(target.schema ? postgresDialect : sqliteDialect, members, today)
  const timed = async (statement: string, run: () => unknown) => {
    const at = performance.now()
    await run()
    const seconds = (performance.now() - at) / 1000
    if (seconds > 1) log(`${seconds.toFixed(1)} s  ${summary(statement)}`)
  }
  if (target.schema) {
    const opened = await freshPostgresSchema(target, target.schema)
    await opened.db.connection().execute(async (conn) => {
      const run = (text: string) => sql.raw(text).execute(conn)
      // Foreign-key triggers off while loading: the rows are consistent by construction.
      await run('set session_replication_role = replica')
      await run('set synchronous_commit = off')
      await run(`set work_mem = '256MB'`)
      for (const statement of statements) await timed(statement, () => run(statement))
      await run('drop table if exists bench_days')
      await timed('analyze', () => run('analyze'))
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
    db.pragma('cache_size = -1000000')
    db.pragma('temp_store = MEMORY')
    for (const statement of statements) await timed(statement, () => db.exec(statement))
    db.exec('drop table if exists temp.bench_days')
    db.pragma('journal_mode = WAL')
    db.close()
    // Flush the written file now, so the timed work does not pay for the kernel writing it back.
    const fd = openSync(target.url, 'r+')
    fsyncSync(fd)
    closeSync(fd)
  }
  const mark: EngagementMark = {
    population: 'engagement',
    members,
    today,
    seconds: (performance.now() - started) / 1000,
  }
  if (!target.schema) writeFileSync(`${target.url}.loaded`, JSON.stringify(mark))
  else {
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    await client.query(`comment on schema ${target.schema} is '${JSON.stringify(mark).replace(/'/g, "''")}'`)
    await client.end()
  }
  return mark
}
