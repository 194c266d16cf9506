import { addDays } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { backfillSnapshots } from '../analytics/snapshots/backfill-snapshots'
import { buildSnapshotDay } from '../analytics/snapshots/build-snapshot-day'
import { shopHistory } from '../analytics/snapshots/shop-history-test-kit'
import { publishedProgram } from '../program/published-program'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'
import { snapshotDayTables } from '../analytics/snapshots/build-snapshot-day'
import { runInsightsBackfill } from './insights-backfill'
import { acquireLease, releaseLease } from './job-lease'
import { runInsightsJob } from './run-insights-job'
import { startScheduler } from './scheduler'

const perDayTables = ['snapshot_days', ...snapshotDayTables] as const

describe('the nightly insights job and the backfill', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 90 })
  const firstDay = '2026-11-23'
  // 01:00 in Shanghai on the day after `day`: the job's hour for `day`.
  const nightAfter = (day: string) => `${day}T17:00:00.000Z`

  /** Every row a day's snapshot has, per table, without the instant it was built at. */
  const dayRows = async (day: string) => {
    const all: Record<string, unknown[]> = {}
    for (const table of perDayTables) {
      const rows = await t.db.selectFrom(table).selectAll().where('business_day', '=', day).execute()
      all[table] = rows
        .map(({ built_at: _, ...row }: Record<string, unknown>) => JSON.stringify(row))
        .sort()
        .map((row) => JSON.parse(row))
    }
    return all
  }
  const headerDays = async () =>
    (await t.db.selectFrom('snapshot_days').select('business_day').orderBy('business_day').execute()).map(
      (r) => r.business_day,
    )

  beforeAll(async () => {
    await shopHistory(t, firstDay, 6, { nightly: false })
  }, 120_000)

  it('builds only yesterday on a first run; the backfill builds older days and skips built ones', async () => {
    const yesterday = addDays(firstDay, 5)
    t.clock.set(nightAfter(yesterday))
    expect(await runInsightsJob(t.db, t.clock.now(), 'a')).toEqual({
      ran: true,
      businessDay: yesterday,
      built: [yesterday],
      scored: true,
    })
    expect(await runInsightsJob(t.db, t.clock.now(), 'a')).toEqual({
      ran: false,
      businessDay: yesterday,
      reason: 'already_ran_today',
    })
    // Tonight's scoring ran for yesterday: every member has scores as of that day.
    const scores = await t.db.selectFrom('member_insights').select('as_of_day').execute()
    expect(scores.length).toBe(12)
    expect(new Set(scores.map((s) => s.as_of_day))).toEqual(new Set([yesterday]))
    expect(await backfillSnapshots(t.db, firstDay, yesterday)).toEqual({
      built: [0, 1, 2, 3, 4].map((i) => addDays(firstDay, i)),
      skipped: 1,
    })
    expect(await backfillSnapshots(t.db, firstDay, yesterday)).toEqual({ built: [], skipped: 6 })
    expect(await headerDays()).toEqual([0, 1, 2, 3, 4, 5].map((i) => addDays(firstDay, i)))
    const lastNight = await t.db.selectFrom('snapshot_days').selectAll().where('business_day', '=', yesterday).execute()
    expect(lastNight[0].growth_quantiles).not.toBeNull()
    const backfilled = await t.db.selectFrom('snapshot_days').selectAll().where('business_day', '=', firstDay).execute()
    expect(backfilled[0]).toMatchObject({ growth_quantiles: null, points_expiring_next_month: null })
    await expect(backfillSnapshots(t.db, yesterday, firstDay)).rejects.toThrow(/backwards/)
  })

  it('writes the same rows when a day is built again, backfilled or nightly', async () => {
    const program = await publishedProgram(t.db)
    for (const [day, nightly] of [
      [addDays(firstDay, 2), false],
      [addDays(firstDay, 5), true],
    ] as const) {
      const before = await dayRows(day)
      expect(before.snapshot_ledger_flows.length).toBeGreaterThan(0)
      await buildSnapshotDay(t.db, day, program, { nightly, now: t.clock.now() })
      expect(await dayRows(day)).toEqual(before)
    }
  })

  it('resumes after dying mid-run: the day it died in is rolled back whole and built by the next run', async () => {
    const days = [6, 7, 8].map((i) => addDays(firstDay, i))
    for (const [i, day] of days.entries()) {
      t.clock.set(`${day}T02:00:00.000Z`)
      const member = { phone: '13888000001' }
      const event = orderEvent('order.paid', `RESUME-${i}`, member, 10_000 * (i + 1), {
        occurredAt: t.clock.now().toISOString(),
      })
      expect((await sendOrderEvent(t, event)).status).toBe(200)
    }
    t.clock.set(nightAfter(days[2]))
    const crash = async (day: string) => {
      if (day === days[1]) throw new Error('killed mid-day')
    }
    await expect(runInsightsJob(t.db, t.clock.now(), 'a', { beforeHeader: crash })).rejects.toThrow('killed mid-day')
    expect(await headerDays()).toContain(days[0])
    expect(await headerDays()).not.toContain(days[1])
    const empty = Object.fromEntries(perDayTables.map((table) => [table, []]))
    expect(await dayRows(days[1])).toEqual(empty)
    const run = await t.db.selectFrom('job_runs').selectAll().where('job', '=', 'insights').execute()
    expect(run.find((r) => r.business_day === days[2])).toMatchObject({ finished_at: null })
    expect(await t.db.selectFrom('job_leases').selectAll().where('job', '=', 'insights').execute()).toEqual([])

    expect(await runInsightsJob(t.db, t.clock.now(), 'b')).toMatchObject({ ran: true, built: [days[1], days[2]] })
    const resumed = await dayRows(days[1])
    expect(resumed.snapshot_days).toMatchObject([
      { orders: 1, order_fen: expect.toSatisfy((v) => Number(v) === 20_000) },
    ])
    await buildSnapshotDay(t.db, days[1], await publishedProgram(t.db), { nightly: false, now: t.clock.now() })
    expect(await dayRows(days[1])).toEqual(resumed)
  })

  it('lets one of two runners build the night, rebuilding a backfilled yesterday with tonight’s figures', async () => {
    const yesterday = addDays(firstDay, 9)
    await backfillSnapshots(t.db, yesterday, yesterday)
    t.clock.set(nightAfter(yesterday))
    const results = await Promise.all(['x', 'y'].map((holder) => runInsightsJob(t.db, t.clock.now(), holder)))
    expect(results.filter((r) => r.ran)).toEqual([
      { ran: true, businessDay: yesterday, built: [yesterday], scored: true },
    ])
    expect(results.filter((r) => !r.ran).map((r) => !r.ran && r.reason)).toEqual([
      expect.stringMatching(/^(lease_held_elsewhere|already_ran_today)$/),
    ])
    const header = await t.db.selectFrom('snapshot_days').selectAll().where('business_day', '=', yesterday).execute()
    expect(header).toHaveLength(1)
    expect(header[0].growth_quantiles).not.toBeNull()
  })

  it('backfills from the command line: first join to yesterday by default, not today, not beside the job', async () => {
    const today = addDays(firstDay, 13)
    t.clock.set(`${today}T02:00:00.000Z`)
    const yesterday = addDays(today, -1)
    expect(await runInsightsBackfill(t.db, t.clock.now(), 'cli', [])).toEqual({
      ran: true,
      from: firstDay,
      to: yesterday,
      built: [10, 11, 12].map((i) => addDays(firstDay, i)),
      skipped: 10,
    })
    await expect(runInsightsBackfill(t.db, t.clock.now(), 'cli', ['--to', today])).rejects.toThrow(/not a completed/)
    const backwards = ['--', '--from', yesterday, '--to', addDays(yesterday, -1)]
    await expect(runInsightsBackfill(t.db, t.clock.now(), 'cli', backwards)).rejects.toThrow(/after/)
    expect(await acquireLease(t.db, 'insights', 'nightly', t.clock.now(), 60_000)).toBe(true)
    expect(await runInsightsBackfill(t.db, t.clock.now(), 'cli', ['--from', firstDay])).toEqual({
      ran: false,
      reason: 'lease_held_elsewhere',
    })
    await releaseLease(t.db, 'insights', 'nightly')
  })

  it('is run by the scheduler after the daily sweeps', async () => {
    const yesterday = addDays(firstDay, 10)
    t.clock.set(nightAfter(yesterday))
    let tick: (() => Promise<void>) | null = null
    const stop = startScheduler(t.deps, {
      holder: 'scheduler',
      every: (_ms, run) => {
        tick = run
        return () => {}
      },
    })
    await tick!()
    stop()
    expect(await headerDays()).toContain(yesterday)
    const runs = await t.db.selectFrom('job_runs').select(['job', 'business_day', 'finished_at']).execute()
    expect(runs.filter((r) => r.finished_at !== null).map((r) => [r.job, r.business_day])).toEqual(
      expect.arrayContaining([
        ['daily', addDays(yesterday, 1)],
        ['insights', yesterday],
      ]),
    )
  })
})
