import { readFileSync } from 'node:fs'
import type { InsightsResult } from '../lib/insights-figures'
import { explainQuery, openTimedDatabase } from '../lib/insights-timing'

// The plans of the nightly job's slowest statements from a result of tasks/insights.ts, on the database it kept
// (BENCH_INSIGHTS_KEEP=1): `tsx bench/tasks/insights-explain.ts <result.json> [count]` with the same
// BENCH_INSIGHTS_DB, or BENCH_DATABASE_URL and BENCH_PG_SCHEMA. PostgreSQL runs each under EXPLAIN ANALYZE in a
// rolled-back transaction (so it takes as long as the job's statement did); SQLite prints its query plan.
const [file, count] = process.argv.slice(2)
const result = JSON.parse(readFileSync(file, 'utf8')) as InsightsResult
const url = process.env.BENCH_DATABASE_URL
const timed = openTimedDatabase(
  url ? { url, schema: process.env.BENCH_PG_SCHEMA ?? 'bench_insights' } : { url: process.env.BENCH_INSIGHTS_DB ?? '' },
)
try {
  for (const query of result.jobSlowest.slice(0, Number(count ?? 3))) {
    console.log(`==== ${query.ms} ms: ${query.sql.slice(0, 300)}`)
    console.log(await explainQuery(timed.db, timed.kind, query))
  }
} finally {
  await timed.close()
}
