import { addDays } from '@mc/shared'
import { sql } from 'kysely'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readInsightSettings } from '../../src/analytics/insight-settings'
import { scoreMembers } from '../../src/analytics/scoring/score-members'
import { backfillSnapshots } from '../../src/analytics/snapshots/backfill-snapshots'
import { runInsightsJob } from '../../src/jobs/run-insights-job'
import { publishedProgram } from '../../src/program/published-program'
import { withLongStatements } from '../../src/db/long-statements'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { dropTarget, loadedMark, loadInsightsPopulation, type InsightsTarget } from '../lib/insights-load'
import { timeReports, reportApp } from '../lib/insights-reports'
import { baselineScan, cloneSnapshotHistory, openTimedDatabase, resetInsights } from '../lib/insights-timing'
import { sweepDay } from '../lib/population'

// (h) and (i) in their own process: BENCH_INSIGHTS_MEMBERS members (10 orders each on average) generated in
// BENCH_DATABASE_URL + BENCH_PG_SCHEMA (a schema it drops and recreates) or a SQLite file (BENCH_INSIGHTS_DB, else
// a temp file); then the nightly insights job for yesterday (snapshot + scoring) and every report over a year.
// BENCH_INSIGHTS_KEEP=1 keeps the generated database and reuses it when a later run asks for the same members and
// day (the load takes far longer than the measurements). Prints one JSON line.
const members = Number(process.env.BENCH_INSIGHTS_MEMBERS ?? 1_000_000)
const runs = Number(process.env.BENCH_INSIGHTS_RUNS ?? 7)
const keep = process.env.BENCH_INSIGHTS_KEEP === '1'
const step = (text: string) => process.stderr.write(`[insights] ${text}\n`)
const pgUrl = process.env.BENCH_DATABASE_URL
const dir =
  pgUrl || process.env.BENCH_INSIGHTS_DB ? null : mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-ins-'))
const target: InsightsTarget = pgUrl
  ? { url: pgUrl, schema: process.env.BENCH_PG_SCHEMA ?? 'bench_insights' }
  : { url: process.env.BENCH_INSIGHTS_DB ?? join(dir!, 'insights.db') }
const day = sweepDay()
const yesterday = day.yesterday

try {
  const reused = keep ? await loadedMark(target, members, day.today) : null
  const load = reused ?? (await loadInsightsPopulation(target, members, day.today))
  step(
    reused ? `reusing the population loaded in ${load.seconds.toFixed(0)} s` : `loaded in ${load.seconds.toFixed(0)} s`,
  )
  const timed = openTimedDatabase(target)
  const { db } = timed
  try {
    await prepareDatabase(db) // migrations added since the load (untimed)
    await resetInsights(db)
    const program = await publishedProgram(db)
    const settings = await readInsightSettings(db)
    const baseline = await baselineScan(db, addDays(yesterday, -settings.rfmWindowDays))
    step(`baseline: grouped pass over the orders ${baseline.groupedSeconds.toFixed(2)} s`)

    // The day before is the job's starting point on an ordinary night (its tier counts move on from it).
    timed.mark()
    let started = performance.now()
    await withLongStatements(db, (long) =>
      backfillSnapshots(long, addDays(yesterday, -1), addDays(yesterday, -1), day.now),
    )
    const backfillSeconds = (performance.now() - started) / 1000
    const backfillSlowest = timed.slowest(8)
    step(`backfill of the day before: ${backfillSeconds.toFixed(2)} s`)
    // An ordinary night finds the night before's scores and tags in place (the first night after a load writes every
    // row new, a cost paid once), and autovacuum has cleared the day's dead rows by then (it wakes every minute).
    started = performance.now()
    await withLongStatements(db, async (long) => {
      await scoreMembers(long, addDays(yesterday, -1), settings, program, { now: day.now })
      if (timed.kind === 'postgres') await sql`vacuum analyze member_insights, member_tags`.execute(long)
    })
    step(`scores of the night before (untimed): ${((performance.now() - started) / 1000).toFixed(2)} s`)

    timed.mark()
    started = performance.now()
    // As the scheduler runs it: on the pool, from which it takes its connections without the request-sized timeout.
    const job = await runInsightsJob(db, day.now, 'bench')
    let jobSeconds = (performance.now() - started) / 1000
    // Until the job calls the scoring itself, the nightly work is the job plus `scoreMembers` for the same day.
    let scoringSeconds: number | null = null
    if (!(job.ran && job.scored)) {
      started = performance.now()
      await withLongStatements(db, (long) => scoreMembers(long, yesterday, settings, program, { now: day.now }))
      scoringSeconds = (performance.now() - started) / 1000
      jobSeconds += scoringSeconds
    }
    const jobSlowest = timed.slowest(12)
    step(`nightly job: ${jobSeconds.toFixed(2)} s (${JSON.stringify(job)})`)

    const cloned = await cloneSnapshotHistory(db, yesterday, 366)
    step(`a year of snapshot history: ${cloned} rows copied`)
    const { app, cleanup } = await reportApp(db, timed.kind, day.now)
    try {
      const reports = await timeReports(app, yesterday, runs, timed)
      console.log(
        JSON.stringify({
          members,
          engine: timed.kind,
          day: yesterday,
          loadSeconds: load.seconds,
          reused: reused !== null,
          scan: baseline,
          backfillSeconds,
          backfillSlowest,
          job,
          jobSeconds,
          scoringSeconds,
          jobSlowest,
          ...reports,
        }),
      )
    } finally {
      cleanup()
    }
  } finally {
    await timed.close()
  }
} finally {
  if (!keep) await dropTarget(target)
  if (dir && !keep) rmSync(dir, { recursive: true, force: true })
}
