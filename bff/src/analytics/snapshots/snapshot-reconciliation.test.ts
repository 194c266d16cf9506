import { addDays } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app'
import { shopHistory } from './shop-history-test-kit'
import { publishedProgram } from '../../program/published-program'
import { buildSnapshotDay } from './build-snapshot-day'
import { num } from './snapshot-day-context'

/**
 * The reconciliation specs, over five weeks of a shop run through the real routes with the nightly job after
 * every day: each snapshot against the ledgers, each day's flows against the change in outstanding, and each
 * migration-matrix row against the tier's count at the start of its period.
 */
describe('snapshots reconcile with the ledgers', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 90 })
  const firstDay = '2026-11-23'
  const days = 36
  let lastDay: string

  beforeAll(async () => {
    ;({ lastDay } = await shopHistory(t, firstDay, days, { nightly: true }))
  }, 240_000)

  const headers = async () =>
    new Map(
      (await t.db.selectFrom('snapshot_days').selectAll().execute()).map((h) => [
        h.business_day,
        {
          points: num(h.points_outstanding),
          liability: num(h.points_liability),
          debt: num(h.points_debt),
          growth: num(h.growth_outstanding),
          members: num(h.members),
        },
      ]),
    )

  it('has a snapshot for every day, and the last one equals the accounts as they stand', async () => {
    const all = await headers()
    expect([...all.keys()].sort()).toEqual(Array.from({ length: days }, (_, i) => addDays(firstDay, i)))
    const accounts = await t.db.selectFrom('ledger_accounts').select(['ledger', 'balance']).execute()
    const sum = (ledger: string, keep: (b: number) => boolean) =>
      accounts.filter((a) => a.ledger === ledger && keep(num(a.balance))).reduce((s, a) => s + num(a.balance), 0)
    expect(all.get(lastDay)).toMatchObject({
      points: sum('points', () => true),
      liability: sum('points', (b) => b > 0),
      debt: -sum('points', (b) => b < 0) + 0, // + 0: no debt is 0, not −0
      growth: sum('growth', () => true),
    })
    expect(all.get(lastDay)?.points).toBeGreaterThan(0)
  })

  it('issued − spent − expired − clawed back equals the change in outstanding, day by day', async () => {
    const all = await headers()
    const flows = await t.db.selectFrom('snapshot_ledger_flows').selectAll().execute()
    const flowSum = (day: string, ledger: string) =>
      flows.filter((f) => f.business_day === day && f.ledger === ledger).reduce((s, f) => s + num(f.amount), 0)
    let spentSeen = 0
    for (let i = 1; i < days; i++) {
      const day = addDays(firstDay, i)
      const before = all.get(addDays(day, -1))!
      const after = all.get(day)!
      expect([day, flowSum(day, 'points')]).toEqual([day, after.points - before.points])
      expect([day, flowSum(day, 'growth')]).toEqual([day, after.growth - before.growth])
      spentSeen += flows.filter((f) => f.business_day === day && f.flow === 'spent').length
    }
    // The first day's flows are all there is before it.
    expect(flowSum(firstDay, 'points')).toBe(all.get(firstDay)!.points)
    expect(spentSeen).toBeGreaterThan(0)
  })

  it('sums each migration-matrix row to its tier’s count at the period’s start, each column to its end', async () => {
    const members = await t.db.selectFrom('snapshot_tier_members').selectAll().execute()
    const count = (day: string, tier: string) =>
      num(members.find((m) => m.business_day === day && m.tier_key === tier)?.members)
    const matrix = await t.db.selectFrom('snapshot_tier_matrix').selectAll().execute()
    const all = await headers()
    let checked = 0
    for (let i = 0; i < days; i++) {
      const day = addDays(firstDay, i)
      for (const period of [30, 90, 365]) {
        const cells = matrix.filter((m) => m.business_day === day && m.period_days === period)
        const start = addDays(day, -period)
        const tiers = new Set([...cells.map((c) => c.from_key), ...cells.map((c) => c.to_key)])
        for (const tier of tiers) {
          const row = cells.filter((c) => c.from_key === tier).reduce((s, c) => s + num(c.members), 0)
          const column = cells.filter((c) => c.to_key === tier).reduce((s, c) => s + num(c.members), 0)
          if (tier !== '') expect([day, period, tier, column]).toEqual([day, period, tier, count(day, tier)])
          if (tier === '' || !all.has(start)) continue
          expect([day, period, tier, row]).toEqual([day, period, tier, count(start, tier)])
          checked += 1
        }
        // Members who joined within the period are the '' row: the day's members less those at its start.
        const joined = cells.filter((c) => c.from_key === '').reduce((s, c) => s + num(c.members), 0)
        expect(joined).toBe(all.get(day)!.members - (all.get(start)?.members ?? 0))
      }
    }
    expect(checked).toBeGreaterThan(5)
  })

  it('keeps day-by-day tier counts equal to the members’ tiers, and tells a publish from upgrades', async () => {
    const current = await t.db
      .selectFrom('member_tiers')
      .select(['tier_key', (eb) => eb.fn.countAll().as('n')])
      .groupBy('tier_key')
      .execute()
    const last = await t.db
      .selectFrom('snapshot_tier_members')
      .select(['tier_key', 'members'])
      .where('business_day', '=', lastDay)
      .execute()
    const asMap = (rows: { tier_key: string; n?: unknown; members?: unknown }[]) =>
      Object.fromEntries(rows.map((r) => [r.tier_key, num(r.n ?? r.members)]))
    expect(asMap(last)).toEqual(asMap(current))
    expect(Object.keys(asMap(current)).length).toBeGreaterThan(1)
    const publishDay = addDays(firstDay, 20)
    const moves = await t.db
      .selectFrom('snapshot_tier_moves')
      .selectAll()
      .where('business_day', '=', publishDay)
      .execute()
    const published = moves.filter((m) => m.kind === 'rule_publish')
    // Lowering 白银 to 300 lifts the members between 300 and 499 growth at once, as a publish, not an upgrade.
    expect(published.map((m) => [m.from_key, m.to_key])).toContainEqual(['regular', 'silver'])
    expect(moves.filter((m) => m.kind !== 'rule_publish' && m.to_key === 'silver')).toEqual([])
  })

  it('counts tiers the same from the day before as from the whole history', async () => {
    const program = await publishedProgram(t.db)
    for (const offset of [5, 20, 21, 33]) {
      const day = addDays(firstDay, offset)
      const counts = () =>
        t.db
          .selectFrom('snapshot_tier_members')
          .select(['tier_key', 'members'])
          .where('business_day', '=', day)
          .orderBy('tier_key')
          .execute()
      const incremental = await counts()
      // Without the day before's header (moved aside meanwhile) the day is counted from every member's history.
      const hide = (from: string, to: string) =>
        t.db.updateTable('snapshot_days').set({ business_day: to }).where('business_day', '=', from).execute()
      await hide(addDays(day, -1), '0000-01-01')
      await buildSnapshotDay(t.db, day, program, { nightly: false, now: t.clock.now() })
      await hide('0000-01-01', addDays(day, -1))
      expect([day, await counts()]).toEqual([day, incremental])
    }
  })
})
