import { addDays, businessDayOf } from '@mc/shared'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/schema'
import { verifyLedgers } from '../../ledger/verify-ledgers'
import { prepareDatabase } from '../prepare-database'
import { openTestDatabase, withSchemaLock } from '../../test/test-database'
import { useTestApp } from '../../test/test-app'
import { demoCategories, historyShoppers } from './history-plan'
import { runDailyJobs } from '../../jobs/run-daily-jobs'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { historyOutlets } from './demo-program'
import { seedDemoHistory } from './seed-demo-history'

const jobs = { daily: runDailyJobs, insights: runInsightsJob }

const count = async (db: Kysely<Database>, table: keyof Database) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** What a history amounts to, in numbers that do not depend on generated ids or coupon codes. */
async function fingerprint(db: Kysely<Database>) {
  const orders = await db
    .selectFrom('orders')
    .select(['source', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('paid_fen').as('paid')])
    .groupBy('source')
    .orderBy('source')
    .execute()
  const ledgers = await db
    .selectFrom('ledger_entries')
    .select(['ledger', 'kind', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('amount').as('sum')])
    .groupBy(['ledger', 'kind'])
    .orderBy('ledger')
    .orderBy('kind')
    .execute()
  const tiers = await db.selectFrom('member_tiers').select('tier_key').orderBy('member_id').execute()
  return {
    orders: orders.map((o) => [o.source, Number(o.n), Number(o.paid)]),
    ledgers: ledgers.map((l) => [l.ledger, l.kind, Number(l.n), Number(l.sum)]),
    tiers: tiers.map((t) => t.tier_key).join(','),
    signIns: await count(db, 'sign_ins'),
    claims: await count(db, 'benefit_claims'),
    redemptions: await count(db, 'mall_redemptions'),
  }
}

describe('the demo year: a history lived through the real code paths on a simulated clock', () => {
  const t = useTestApp()
  const days = 130
  let today = ''

  beforeAll(async () => {
    today = businessDayOf(t.clock.now())
    await seedDemoHistory(t.db, t.clock.now(), jobs, { days, crowd: 60 })
  }, 240_000)

  it('has shoppers joining all through the period, from three stores and the shop', async () => {
    const members = await t.db.selectFrom('members').select(['joined_at', 'source_outlet_id']).execute()
    expect(members).toHaveLength(63)
    const joinDays = new Set(members.map((m) => businessDayOf(new Date(m.joined_at ?? 0))))
    expect(joinDays.size).toBeGreaterThan(30)
    expect([...joinDays].every((d) => d >= addDays(today, -days) && d < today)).toBe(true)
    const stores = new Set(members.map((m) => m.source_outlet_id))
    expect(stores).toEqual(new Set([...historyOutlets.map((o) => o.id), null]))
    const scans = await t.db.selectFrom('outlet_scene_scans').select('outlet_id').distinct().execute()
    expect(scans.map((s) => s.outlet_id).sort()).toEqual(historyOutlets.map((o) => o.id).sort())
  })

  it('has online orders with categorised lines, till purchases at every store, refunds and clawbacks', async () => {
    const lines = await t.db.selectFrom('order_lines').select('category').distinct().execute()
    expect(lines.map((l) => l.category).sort()).toEqual([...demoCategories].sort())
    const tills = await t.db
      .selectFrom('orders')
      .select('outlet_id')
      .where('source', '=', 'outlet')
      .distinct()
      .execute()
    expect(tills.map((o) => o.outlet_id).sort()).toEqual(historyOutlets.map((o) => o.id).sort())
    expect(await count(t.db, 'order_refunds')).toBeGreaterThan(0)
    const refunds = await t.db.selectFrom('ledger_entries').select('id').where('kind', '=', 'refund').execute()
    expect(refunds.length).toBeGreaterThan(0)
  })

  it('has sign-ins with make-ups, claimed and used benefits, mall redemptions and tier upgrades', async () => {
    const signIns = await t.db.selectFrom('sign_ins').select('kind').distinct().execute()
    expect(signIns.map((s) => s.kind).sort()).toEqual(['daily', 'make_up'])
    const benefits = await t.db.selectFrom('benefit_events').select('event').distinct().execute()
    expect(benefits.map((b) => b.event).sort()).toEqual(['claimed', 'used'])
    const redeemed = await t.db.selectFrom('mall_redemptions').select('id').where('status', '=', 'completed').execute()
    expect(redeemed.length).toBeGreaterThan(0)
    const upgrades = await t.db.selectFrom('tier_changes').select('id').where('kind', '=', 'upgrade').execute()
    expect(upgrades.length).toBeGreaterThan(0)
  })

  it('ran the daily jobs on every simulated day and snapshotted every day of the period', async () => {
    const runs = await t.db.selectFrom('job_runs').select('business_day').where('job', '=', 'daily').execute()
    expect(runs).toHaveLength(days)
    const snapshots = await t.db.selectFrom('snapshot_days').select('business_day').orderBy('business_day').execute()
    expect(snapshots.map((s) => s.business_day)).toEqual(
      Array.from({ length: days }, (_, i) => addDays(today, i - days)),
    )
  })

  it('gives the named shoppers their usual orders and tiers', async () => {
    const named = await t.db
      .selectFrom('members')
      .innerJoin('member_tiers', 'member_tiers.member_id', 'members.id')
      .select(['members.nickname', 'member_tiers.tier_key'])
      .where('members.phone', 'in', ['13800000001', '13800000002', '13800000003'])
      .orderBy('members.phone')
      .execute()
    expect(named).toEqual([
      { nickname: '林小夏', tier_key: 'gold' },
      { nickname: '陈一鸣', tier_key: 'silver' },
      { nickname: '王悦', tier_key: 'regular' },
    ])
    const orders = await t.db.selectFrom('orders').select('order_id').where('order_id', 'like', 'demo-1-%').execute()
    expect(orders.map((o) => o.order_id).sort()).toEqual(['demo-1-1', 'demo-1-2', 'demo-1-3', 'demo-1-4'])
  })
})

describe('the demo year is deterministic', () => {
  const opened: Awaited<ReturnType<typeof openTestDatabase>>[] = []
  afterAll(async () => {
    for (const database of opened) await database.drop()
  })

  it('draws the same crowd from the same seed', () => {
    expect(historyShoppers(50, 200)).toEqual(historyShoppers(50, 200))
  })

  it('lives the same history twice, to the fen', async () => {
    const now = new Date('2026-11-23T02:00:00.000Z')
    const runs = []
    for (let run = 0; run < 2; run++) {
      const database = await openTestDatabase()
      opened.push(database)
      await withSchemaLock('shared', () => prepareDatabase(database.db, now))
      await seedDemoHistory(database.db, now, jobs, { days: 30, crowd: 25, snapshots: false })
      expect(await verifyLedgers(database.db)).toEqual([])
      runs.push(await fingerprint(database.db))
    }
    expect(runs[0].orders.length).toBeGreaterThan(0)
    expect(runs[1]).toEqual(runs[0])
  }, 120_000)
})
