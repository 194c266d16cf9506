import { randomUUID } from 'node:crypto'
import { openDatabase } from '../db/database'
import { loadEnvOrExit } from '../env'
import { runInsightsBackfill } from './insights-backfill'
import { withLongStatements } from '../db/long-statements'

// `pnpm --filter @mc/bff insights-backfill [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: builds the insights snapshot of
// every past business day in the range that has none (days already built are kept), from the ledgers.
const env = loadEnvOrExit()
const { db, close } = openDatabase(env.DATABASE_URL)
try {
  const holder = `cli-${randomUUID().slice(0, 8)}`
  const result = await withLongStatements(db, (long) =>
    runInsightsBackfill(long, new Date(), holder, process.argv.slice(2)),
  )
  const { built, ...rest } = result.ran ? result : { ...result, built: [] }
  console.log(JSON.stringify({ ...rest, builtDays: built.length, firstBuilt: built[0], lastBuilt: built.at(-1) }))
  if (!result.ran && result.reason === 'lease_held_elsewhere') process.exitCode = 1
} catch (error) {
  console.error(error instanceof RangeError ? error.message : error)
  process.exitCode = 1
} finally {
  await close()
}
