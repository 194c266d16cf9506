import { beforeAll, describe, expect, it } from 'vitest'
import { runInsightsJob } from '../../jobs/run-insights-job'
import { publishedProgram } from '../../program/published-program'
import { orderEvent, sendOrderEvent } from '../../test/order-events'
import { useTestApp } from '../../test/test-app'
import { buildSnapshotDay } from './build-snapshot-day'
import { num } from './snapshot-day-context'

/**
 * A year on: the nightly look ahead (near the next tier, retain at risk, points expiring next month) and the median
 * days to a tier, over members whose orders were placed on chosen days through the order webhook.
 * FMCG rules: 白银 from 500 growth, kept with 400; growth counts 365 days; points lapse when the following year ends.
 * Each member's first order also earns the first-order task's 100 growth and 100 points, so first orders are 100 yuan
 * smaller than the growth they must reach (A: 500 + 100 = 600).
 */
describe('the nightly look ahead and the days to a tier', () => {
  const t = useTestApp()
  let orderNo = 0

  /** Joins a member at 10:00 Shanghai on `day`; each later entry of `orders` is [day, yuan], paid and completed. */
  async function member(phone: string, joinDay: string, orders: [string, number][]) {
    t.clock.set(`${joinDay}T02:00:00.000Z`)
    const token = await t.joinedMember(phone)
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    for (const [day, yuan] of orders) {
      t.clock.set(`${day}T02:00:00.000Z`)
      orderNo += 1
      const at = { occurredAt: t.clock.now().toISOString() }
      for (const type of ['order.paid', 'order.completed'] as const)
        expect((await sendOrderEvent(t, orderEvent(type, `O-${orderNo}`, { memberId }, yuan * 100, at))).status).toBe(
          200,
        )
    }
  }

  beforeAll(async () => {
    await member('13955550001', '2026-11-23', [['2026-11-23', 500]]) // A: 白银 until 2027-11-23, growth lapses first
    await member('13955550002', '2026-11-23', [
      ['2026-11-23', 500],
      ['2027-10-01', 450],
    ]) // C: the same, but 450 growth still counts when validity ends
    await member('13955550003', '2027-01-10', [['2027-01-10', 500]]) // B: 白银 until 2028-01-10
    await member('13955550004', '2027-10-01', [['2027-10-01', 320]]) // D: 320 + 100 = 420 ≥ 80% of 500
    await member('13955550005', '2027-10-01', [['2027-10-01', 100]]) // E: 100 + 100, far from 白银
    for (const [phone, upgradeDay] of [
      ['13955550006', '2027-10-11'],
      ['13955550007', '2027-10-05'],
      ['13955550008', '2027-10-21'],
    ])
      await member(phone, '2027-10-01', [
        ['2027-10-01', 300],
        [upgradeDay, 300],
      ]) // F, G, H: 300 + 100, then 白银 with the second order 10, 4 and 20 days after joining
  })

  const tiers = (day: string) =>
    t.db
      .selectFrom('snapshot_tier_members')
      .select(['tier_key', 'members', 'near_next', 'retain_at_risk_30d'])
      .where('business_day', '=', day)
      .orderBy('tier_key')
      .execute()
  const timing = (day: string) =>
    t.db
      .selectFrom('snapshot_tier_timing')
      .select(['from_key', 'to_key', 'median_days', 'members'])
      .where('business_day', '=', day)
      .orderBy('from_key')
      .execute()

  it('counts who is near the next tier and whose tier is at risk in the next 30 days', async () => {
    t.clock.set('2027-11-01T17:00:00.000Z') // 01:00 on 2027-11-02 in Shanghai
    expect(await runInsightsJob(t.db, t.clock.now(), 'test')).toMatchObject({ ran: true, built: ['2027-11-01'] })
    expect(await tiers('2027-11-01')).toEqual([
      { tier_key: 'regular', members: 2, near_next: 1, retain_at_risk_30d: 0 },
      // A's validity ends 2027-11-23 and all its growth lapses by then; C keeps 450 ≥ 400.
      { tier_key: 'silver', members: 6, near_next: 0, retain_at_risk_30d: 1 },
    ])
    // The six upgrades of the year took 0, 0, 0, 4, 10 and 20 days: the lower middle is 0.
    expect(await timing('2027-11-01')).toEqual([
      { from_key: '', to_key: 'silver', median_days: 0, members: 6 },
      { from_key: 'regular', to_key: 'silver', median_days: 0, members: 6 },
    ])
    const header = await t.db
      .selectFrom('snapshot_days')
      .selectAll()
      .where('business_day', '=', '2027-11-01')
      .executeTakeFirstOrThrow()
    expect(num(header.points_expiring_next_month)).toBe(0) // nothing lapses in December
  })

  it('sums the points lapsing next month, and the median over the upgrades of the last 365 days', async () => {
    t.clock.set('2027-12-05T17:00:00.000Z')
    await buildSnapshotDay(t.db, '2027-12-05', await publishedProgram(t.db), { nightly: true, now: t.clock.now() })
    const header = await t.db
      .selectFrom('snapshot_days')
      .selectAll()
      .where('business_day', '=', '2027-12-05')
      .executeTakeFirstOrThrow()
    // A's and C's 600 points of 2026 (500 of the order, 100 of the task) lapse when 2027 ends, which the sweep posts
    // on 2028-01-01.
    expect(num(header.points_expiring_next_month)).toBe(1200)
    // A's and C's upgrades are over a year old now: 0, 4, 10, 20 → the lower middle is 4.
    expect(await timing('2027-12-05')).toEqual([
      { from_key: '', to_key: 'silver', median_days: 4, members: 4 },
      { from_key: 'regular', to_key: 'silver', median_days: 4, members: 4 },
    ])
  })
})
