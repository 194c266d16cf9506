import { databaseKind, sqlitePath } from '../db/database'
import { loadEnvOrExit } from '../env'
import { BackupError } from './backup-database'
import { restoreSqliteDatabase } from './restore-database'

// `pnpm --filter @mc/bff restore <backup-file> [--to <database file>] [--replace]`: restores a backup into the
// database file (default: the SQLite file of DATABASE_URL). A file that already holds a database is refused
// unless --replace is given, so a live database is never overwritten by a slip.
const usage = 'usage: pnpm --filter @mc/bff restore <backup-file> [--to <database file>] [--replace]'
const args = process.argv.slice(2)
const replace = args.includes('--replace')
const toAt = args.indexOf('--to')
const positional = args.filter((arg, i) => !arg.startsWith('--') && (toAt < 0 || i !== toAt + 1))
const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--replace' && arg !== '--to')
if (positional.length !== 1 || unknown.length > 0 || (toAt >= 0 && !args[toAt + 1])) {
  console.error(usage)
  process.exit(2)
}
let target: string
if (toAt >= 0) target = args[toAt + 1]
else {
  const env = loadEnvOrExit()
  if (databaseKind(env.DATABASE_URL) === 'postgres') {
    console.error('restore: DATABASE_URL is PostgreSQL; restore it with pg_restore or psql (see the README)')
    process.exit(2)
  }
  target = sqlitePath(env.DATABASE_URL)
}
try {
  const result = await restoreSqliteDatabase(positional[0], target, { replace })
  console.log(
    `restore: ${positional[0]} → ${result.path} (${result.pages} pages, last migration ` +
      `${result.lastMigration ?? 'none'}${result.replaced ? ', replaced the database that was there' : ''})`,
  )
  console.log('restore: run verify-ledgers against it, then start the server (it applies newer migrations)')
} catch (error) {
  console.error(`restore: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = error instanceof BackupError ? 2 : 1
}
