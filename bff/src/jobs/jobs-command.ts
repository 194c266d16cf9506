import { randomUUID } from 'node:crypto'
import { openDatabase } from '../db/database'
import { loadEnvOrExit } from '../env'
import { runDailyJobs } from './run-daily-jobs'
import { withLongStatements } from '../db/long-statements'

// `pnpm --filter @mc/bff jobs [--force]`: run today's expiry and tier sweeps now (they are idempotent).
const env = loadEnvOrExit()
const { db, close } = openDatabase(env.DATABASE_URL)
try {
  const holder = `cli-${randomUUID().slice(0, 8)}`
  const force = process.argv.includes('--force')
  const result = await withLongStatements(db, (long) => runDailyJobs(long, new Date(), holder, { force }))
  console.log(JSON.stringify(result, null, 2))
} finally {
  await close()
}
