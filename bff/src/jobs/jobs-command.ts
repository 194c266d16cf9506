import { randomUUID } from 'node:crypto'
import { openDatabase } from '../db/database'
import { loadEnvOrExit } from '../env'
import { runDailyJobs } from './run-daily-jobs'

// `pnpm --filter @mc/bff jobs [--force]`: run today's expiry and tier sweeps now (they are idempotent).
const env = loadEnvOrExit()
const { db, close } = openDatabase(env.DATABASE_URL)
try {
  const result = await runDailyJobs(db, new Date(), `cli-${randomUUID().slice(0, 8)}`, {
    force: process.argv.includes('--force'),
  })
  console.log(JSON.stringify(result, null, 2))
} finally {
  await close()
}
