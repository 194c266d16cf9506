import { databaseKind, sqlitePath } from '../db/database'
import { loadEnvOrExit } from '../env'
import { BackupError, backupSqliteDatabase, defaultBackupPath } from './backup-database'

// `pnpm --filter @mc/bff backup [file]`: an online backup of the SQLite database at DATABASE_URL while the server
// runs, to `file` or to backups/member-center-<time>.db beside the database. PostgreSQL has its own tools.
const env = loadEnvOrExit()
if (databaseKind(env.DATABASE_URL) === 'postgres') {
  console.error('backup: DATABASE_URL is PostgreSQL; back it up with pg_dump or pg_basebackup (see the README)')
  process.exit(2)
}
const source = sqlitePath(env.DATABASE_URL)
const destination = process.argv[2] ?? defaultBackupPath(source, new Date())
try {
  const started = Date.now()
  const result = await backupSqliteDatabase(source, destination)
  console.log(
    `backup: ${source} → ${result.path} (${result.pages} pages, ${result.bytes} bytes, integrity ok, ` +
      `last migration ${result.lastMigration ?? 'none'}, ${Date.now() - started} ms)`,
  )
  console.log('backup: keep the data folder’s secrets.json and uploads/ beside it (see the README)')
} catch (error) {
  console.error(`backup: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = error instanceof BackupError ? 2 : 1
}
