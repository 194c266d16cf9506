import BetterSqlite3 from 'better-sqlite3'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { BackupError, checkSqliteFile } from './backup-database'

/** What a restore wrote: the database file, its pages, and the last migration the backup was made at. */
export interface RestoreResult {
  path: string
  pages: number
  lastMigration: string | null
  replaced: boolean
}

/**
 * Restores a backup made by `backupSqliteDatabase` into `target`. The backup is checked first (integrity, a
 * member-center database), so a damaged file never replaces anything. A target that already holds a database is
 * refused unless `replace` is given: it may be the live one. With `replace` the pages are written through SQLite's
 * backup API into the target, which takes the target's write lock like any writer, so a process that has it open
 * sees either the old database or the restored one, never a mix; stop the server first all the same, since it keeps
 * caches of what it read. Migrations newer than the backup are applied at the next start, as on any old database.
 */
export async function restoreSqliteDatabase(
  backupPath: string,
  target: string,
  options: { replace: boolean },
): Promise<RestoreResult> {
  if (!existsSync(backupPath)) throw new BackupError(`no backup at ${backupPath}`)
  const { lastMigration } = checkSqliteFile(backupPath)
  const occupied = [target, `${target}-wal`].some((file) => existsSync(file) && statSync(file).size > 0)
  if (occupied && !options.replace)
    throw new BackupError(`${target} already holds a database; pass --replace to overwrite it (stop the server first)`)
  mkdirSync(dirname(target), { recursive: true })
  const backup = new BetterSqlite3(backupPath, { readonly: true, fileMustExist: true })
  try {
    const progress = await backup.backup(target, { progress: () => 0x7fffffff })
    return { path: target, pages: progress.totalPages, lastMigration, replaced: occupied }
  } finally {
    backup.close()
  }
}
