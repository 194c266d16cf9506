import BetterSqlite3 from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import { databaseSettings, type DatabaseSettings } from '../env'
import { createPgPool } from './pg-pool'
import type { Database } from './schema'
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect'

export type DatabaseKind = 'sqlite' | 'postgres'

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export interface OpenDatabase {
  db: Kysely<Database>
  kind: DatabaseKind
  close(): Promise<void>
}

/** `postgres://…` selects PostgreSQL; a file path or `sqlite:<path>` selects SQLite. */
export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/, '')
}

/**
 * PostgreSQL's pool size and timeouts come from the environment (env.ts, DATABASE_POOL_SIZE and the rest) unless
 * `settings` gives them. `searchPath` lets tests give each file its own PostgreSQL schema, so parallel runs never
 * see each other's rows.
 */
export function openDatabase(
  url: string,
  options: { searchPath?: string; settings?: DatabaseSettings } = {},
): OpenDatabase {
  if (databaseKind(url) === 'postgres') {
    const pool = createPgPool(url, options.settings ?? databaseSettings(), options.searchPath)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  const sqlite = openSqliteFile(sqlitePath(url))
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) })
  return { db, kind: 'sqlite', close: () => db.destroy() }
}

/**
 * A ledger must not lose an acknowledged write, so the pragmas are not advisory: if SQLite did not accept one
 * (a read-only or network filesystem can refuse WAL), the process refuses to run rather than run weaker.
 */
export function openSqliteFile(path: string): BetterSqlite3.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = new BetterSqlite3(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const actual = {
    journal_mode: sqlite.pragma('journal_mode', { simple: true }),
    synchronous: sqlite.pragma('synchronous', { simple: true }),
    busy_timeout: sqlite.pragma('busy_timeout', { simple: true }),
    foreign_keys: sqlite.pragma('foreign_keys', { simple: true }),
  }
  const wanted = { journal_mode: 'wal', synchronous: 2, busy_timeout: 5000, foreign_keys: 1 }
  const wrong = Object.entries(wanted).filter(([key, value]) => actual[key as keyof typeof actual] !== value)
  if (wrong.length > 0) {
    sqlite.close()
    const list = wrong.map(([key, value]) => `${key}=${String(actual[key as keyof typeof actual])} (need ${value})`)
    throw new Error(`SQLite at ${path} refused required settings: ${list.join(', ')}`)
  }
  return sqlite
}
