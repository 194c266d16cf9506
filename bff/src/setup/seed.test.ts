import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/test-app'
import { demoJoinLeadDays } from './demo-shoppers'
import { seedDemo } from './seed'

// issue 16: the short demo (the browser-test server's) had every shopper join at the seed time although their
// orders went back months, so the sign-in calendar's missed days could never be made up.
describe('the short demo: shoppers joined before their history', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
    t.clock.set('2026-11-18T02:00:00.000Z')
    await seedDemo(t.db, t.clock.now())
  }, 60_000)
  afterAll(async () => {
    await t.close()
  })

  it('has every shopper join a month before their first order and before any ledger entry', async () => {
    const members = await t.db
      .selectFrom('members as m')
      .leftJoin('orders as o', 'o.member_id', 'm.id')
      .select((eb) => ['m.id', 'm.joined_at', eb.fn.min('o.paid_at').as('first_order')])
      .groupBy(['m.id', 'm.joined_at'])
      .execute()
    expect(members.length).toBeGreaterThan(100)
    const firstEntries = new Map(
      (
        await t.db
          .selectFrom('ledger_entries')
          .select((eb) => ['member_id', eb.fn.min('occurred_at').as('first')])
          .groupBy('member_id')
          .execute()
      ).map((r) => [r.member_id, String(r.first)]),
    )
    for (const m of members) {
      const joined = Date.parse(m.joined_at!)
      expect(joined).toBeLessThan(t.clock.now().getTime())
      if (m.first_order) expect(Date.parse(String(m.first_order)) - joined).toBe(demoJoinLeadDays * 86_400_000)
      const first = firstEntries.get(m.id)
      if (first) expect(Date.parse(first)).toBeGreaterThanOrEqual(joined)
    }
  })

  it('lets a named shopper make up a missed day of this month', async () => {
    const token = (await t.json('POST', '/api/auth/local', { phone: '13800000003' })).body.token as string
    const calendar = (await t.json('GET', '/api/sign-in/calendar', undefined, token)).body
    const past = calendar.days.filter((d: { day: string }) => d.day < calendar.today.day)
    expect(past.length).toBeGreaterThan(0)
    expect(past.filter((d: { status: string }) => d.status === 'before_join')).toEqual([])
    expect(past.some((d: { canMakeUp: boolean }) => d.canMakeUp)).toBe(true)
  })
})
