import BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** What a finished backup holds: its file, its size in pages and bytes, and the migrations it was made at. */
export interface BackupResult {
  path: string
  pages: number
  bytes: number
  lastMigration: string | null
}

/** The most pages SQLite's backup step takes at once (better-sqlite3's ceiling): in effect, all of them. */
const allPages = 0x7fffffff

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API, while the server keeps reading
 * and writing. The copy is taken in one backup step: the step reads one snapshot of the source (WAL lets writers
 * go on meanwhile), where page-by-page steps would restart each time another process commits and might never end
 * under load. The copy is written beside its destination and renamed only once it passed `integrity_check`, so a
 * file at `destination` is always a whole backup. An existing destination is never overwritten.
 */
export async function backupSqliteDatabase(sourcePath: string, destination: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new BackupError(`no SQLite database at ${sourcePath}`)
  if (existsSync(destination)) throw new BackupError(`${destination} already exists; choose another file`)
  mkdirSync(dirname(destination), { recursive: true })
  const partial = `${destination}.partial`
  rmSync(partial, { force: true })
  const source = new BetterSqlite3(sourcePath, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    const progress = await source.backup(partial, { progress: () => allPages })
    selfContained(partial)
    const checked = checkSqliteFile(partial)
    renameSync(partial, destination)
    return { path: destination, pages: progress.totalPages, bytes: statSync(destination).size, ...checked }
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  } finally {
    source.close()
  }
}

/**
 * The copy carries the source's WAL mode; switched to a rollback journal it is one file that can be moved, copied
 * and opened read-only without -wal and -shm files beside it.
 */
function selfContained(path: string) {
  const copy = new BetterSqlite3(path, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

/** A file name for a backup taken now, in a `backups` folder beside the database: sortable, one per second. */
export function defaultBackupPath(databasePath: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')
  return join(dirname(databasePath), 'backups', `member-center-${stamp}.db`)
}

/**
 * Opens a backup read-only and proves it is a whole member-center database: SQLite's integrity check passes and it
 * holds the migration table. Returns the last migration it was made at.
 */
export function checkSqliteFile(path: string): { lastMigration: string | null } {
  const copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
  try {
    const integrity = copy.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new BackupError(`${path} failed SQLite's integrity check: ${String(integrity)}`)
    const table = copy
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get()
    if (!table) throw new BackupError(`${path} is not a member-center database (it has no kysely_migration table)`)
    const last = copy.prepare('select name from kysely_migration order by name desc limit 1').get() as
      | { name: string }
      | undefined
    return { lastMigration: last?.name ?? null }
  } finally {
    copy.close()
  }
}

/** A refusal the commands print as one line (exit 2), as opposed to an unexpected failure. */
export class BackupError extends Error {
  override name = 'BackupError'
}
