import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { scanBaseline, writeBaseline } from '../lib/engagement-baselines'
import { timeCampaign } from '../lib/engagement-campaign'
import { resetEngagement, saveBenchSettings, undoDue } from '../lib/engagement-due'
import { engagementMark, loadEngagementPopulation } from '../lib/engagement-load'
import { timeDrain, timeJourneys, type JourneyRun } from '../lib/engagement-runs'
import { postgresDialect, sqliteDialect } from '../lib/insights-dialect'
import { dropTarget, type InsightsTarget } from '../lib/insights-load'
import { openEngagementDatabase } from '../lib/engagement-timing'
import { sweepDay } from '../lib/population'

// (j) (k) (l) in their own process: BENCH_ENGAGEMENT_MEMBERS members (default 1,000,000) generated in
// BENCH_DATABASE_URL + BENCH_PG_SCHEMA (default bench_engagement; dropped and recreated) or a SQLite file
// (BENCH_ENGAGEMENT_DB, else a temp file); then the baselines, the nightly journeys with nothing, 1,000 and 10,000
// due, a campaign to every member and the outbox drain. BENCH_ENGAGEMENT_KEEP=1 keeps the population and reuses it
// when a later run asks for the same members and day. Prints one JSON line.
const members = Number(process.env.BENCH_ENGAGEMENT_MEMBERS ?? 1_000_000)
const keep = process.env.BENCH_ENGAGEMENT_KEEP === '1'
// 0 skips the campaign and the drain (e.g. to time the journeys alone while the campaign path is slow).
const withCampaign = process.env.BENCH_ENGAGEMENT_CAMPAIGN !== '0'
// The campaign is stopped (its batch in hand rolled back) after this many seconds and its progress reported.
const campaignLimit = Number(process.env.BENCH_ENGAGEMENT_CAMPAIGN_LIMIT ?? 300)
const step = (text: string) => process.stderr.write(`[engagement] ${text}\n`)
const pgUrl = process.env.BENCH_DATABASE_URL
const dir =
  pgUrl || process.env.BENCH_ENGAGEMENT_DB ? null : mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-eng-'))
const target: InsightsTarget = pgUrl
  ? { url: pgUrl, schema: process.env.BENCH_PG_SCHEMA ?? 'bench_engagement' }
  : { url: process.env.BENCH_ENGAGEMENT_DB ?? join(dir ?? tmpdir(), 'engagement.db') }
const g = pgUrl ? postgresDialect : sqliteDialect
const day = sweepDay()
// The nightly run at 01:00 (inside quiet hours: pushes wait for 09:00); the campaign sent at 10:00, the drain after.
const nightly = day.now
const morning = new Date(day.now.getTime() + 9 * 3_600_000)
const dueSizes = [0, 1_000, 10_000].filter((n) => n === 0 || n * 20 <= members)

try {
  const reused = keep ? await engagementMark(target, members, day.today) : null
  const load = reused ?? (await loadEngagementPopulation(target, members, day.today))
  step(
    reused ? `reusing the population loaded in ${load.seconds.toFixed(0)} s` : `loaded in ${load.seconds.toFixed(0)} s`,
  )
  const timed = openEngagementDatabase(target)
  const { db } = timed
  try {
    await prepareDatabase(db) // migrations added since the load (untimed)
    // A run killed midway leaves its due rows changed and its writes: put both back first.
    await undoDue(db).catch(() => {}) // nothing to undo: its saved tables do not exist
    await resetEngagement(db, timed.kind)
    await saveBenchSettings(db, nightly)

    const scan = await scanBaseline(db)
    step(`(l0) scan of members × tiers × points accounts: ${scan.seconds.toFixed(2)} s`)
    const journeys: JourneyRun[] = []
    for (const n of dueSizes) {
      const run = await timeJourneys(timed, g, members, n, day.today, nightly)
      journeys.push(run)
      step(
        `(l) journeys with ${n.toLocaleString('en-US')} due: ${run.seconds.toFixed(2)} s ${JSON.stringify(run.sends)}`,
      )
    }

    const write = await writeBaseline(db)
    step(`(j0) INSERT … SELECT of ${write.rows.toLocaleString('en-US')} decision rows: ${write.seconds.toFixed(2)} s`)
    const campaign = withCampaign ? await timeCampaign(timed, members, morning, campaignLimit) : null
    step(
      campaign === null
        ? '(j) campaign: skipped (BENCH_ENGAGEMENT_CAMPAIGN=0)'
        : `(j) campaign: ${campaign.seconds.toFixed(2)} s in ${campaign.calls.length} calls, ${campaign.status}, ` +
            `${campaign.targeted.toLocaleString('en-US')} members planned`,
    )
    const drain = campaign ? await timeDrain(timed, new Date(morning.getTime() + 60_000), 3) : null
    if (drain) {
      const call = (r: (typeof drain.runs)[number]) =>
        `${r.seconds.toFixed(2)} s ${r.result.campaignMessages} campaign + ${r.wechat} WeChat + ${r.sms} SMS`
      step(`(k) drain: ${drain.runs.map(call).join(', ')}`)
    }
    await resetEngagement(db, timed.kind)
    console.log(
      JSON.stringify({
        members,
        engine: timed.kind,
        day: day.today,
        loadSeconds: load.seconds,
        reused: reused !== null,
        scan,
        journeys,
        write,
        campaign,
        drain,
      }),
    )
  } finally {
    await timed.close()
  }
} finally {
  if (!keep) await dropTarget(target)
  if (dir && !keep) rmSync(dir, { recursive: true, force: true })
}
