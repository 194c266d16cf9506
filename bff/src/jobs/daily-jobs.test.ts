import { beforeAll, describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { getMe } from '../membership/get-me'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'
import { acquireLease } from './job-lease'
import { runDailyJobs } from './run-daily-jobs'

describe('daily expiry and tier sweeps', () => {
  const t = useTestApp()
  let memberId: string
  let token: string
  const entries = () =>
    t.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'amount', 'kind', 'reason'])
      .where('member_id', '=', memberId)
      .where('kind', '=', 'expiry')
      .orderBy('ledger')
      .orderBy('amount')
      .execute()
  // A year passes in these tests, far beyond any session, so the member's view is read directly.
  const tier = () => getMe(t.db, memberId, t.clock.now())

  beforeAll(async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    token = await t.joinedMember('13900009999')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    // 600 growth on 2026-11-23 (白银, valid until 2027-11-23) and 600 points that lapse when 2027 ends, each beside
    // the first-order task's 100 earned with it (a lot of its own): 700 of each.
    await sendOrderEvent(t, orderEvent('order.paid', 'J-1', { memberId }, 60_000))
    await sendOrderEvent(t, orderEvent('order.completed', 'J-1', { memberId }, 60_000))
  })

  it('does nothing while nothing is due, and records the day as run', async () => {
    const result = await runDailyJobs(t.db, t.clock.now(), 'test')
    expect(result).toMatchObject({
      ran: true,
      businessDay: '2026-11-23',
      expiry: { pointsLots: 0, growthLots: 0 },
      tiers: { evaluated: 0 },
    })
    expect(await runDailyJobs(t.db, t.clock.now(), 'test')).toEqual({
      ran: false,
      businessDay: '2026-11-23',
      reason: 'already_ran_today',
    })
  })

  it('expires growth as it leaves the window and downgrades at validity end, once', async () => {
    t.clock.set('2027-11-22T16:00:00.000Z') // 2027-11-23 00:00 in Shanghai: the growth leaves the 365-day window
    const day1 = await runDailyJobs(t.db, t.clock.now(), 'test')
    expect(day1).toMatchObject({
      ran: true,
      expiry: { growthLots: 2, growthExpired: 700, pointsLots: 0 },
      tiers: { evaluated: 0 },
    })
    // still valid today
    expect(await tier()).toMatchObject({ growth: 0, tier: { id: 'silver' }, validUntil: '2027-11-23' })
    t.clock.set('2027-11-23T16:00:00.000Z') // 2027-11-24: validity is over and 0 < 400 retain threshold
    const day2 = await runDailyJobs(t.db, t.clock.now(), 'test')
    expect(day2).toMatchObject({ ran: true, tiers: { evaluated: 1, downgraded: 1 } })
    expect(await tier()).toMatchObject({ tier: { id: 'regular' }, validUntil: null })
    expect(await entries()).toEqual([
      { ledger: 'growth', amount: -600, kind: 'expiry', reason: '成长值超出统计周期（2026-11-23 获得）' },
      { ledger: 'growth', amount: -100, kind: 'expiry', reason: '成长值超出统计周期（2026-11-23 获得）' },
    ])
  })

  it('expires points when the following year ends, never twice, whatever the clock does', async () => {
    t.clock.set('2027-12-31T16:00:00.000Z')
    const expired = await runDailyJobs(t.db, t.clock.now(), 'test')
    expect(expired).toMatchObject({ ran: true, expiry: { pointsLots: 2, pointsExpired: 700 } })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ points: 0, growth: 0 })
    t.clock.set('2027-12-31T15:00:00.000Z') // the clock jumps back an hour: nothing comes back to life
    await runDailyJobs(t.db, t.clock.now(), 'test', { force: true })
    expect(await accountBalances(t.db, memberId)).toMatchObject({ points: 0 })
    t.clock.set('2028-01-01T16:00:00.000Z') // and forward a day: nothing expires twice
    await runDailyJobs(t.db, t.clock.now(), 'test')
    await runDailyJobs(t.db, t.clock.now(), 'test', { force: true })
    expect((await entries()).filter((e) => e.ledger === 'points')).toEqual([
      { ledger: 'points', amount: -600, kind: 'expiry', reason: '积分到期（2026-11-23 获得）' },
      { ledger: 'points', amount: -100, kind: 'expiry', reason: '积分到期（2026-11-23 获得）' },
    ])
  })

  it('lets only one instance hold the job lease until it lapses', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z')
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => acquireLease(t.db, 'test-job', holder, now, 60_000)),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)]
    const loser = winner === 'a' ? 'b' : 'a'
    expect(await acquireLease(t.db, 'test-job', loser, new Date(now.getTime() + 59_000), 60_000)).toBe(false)
    expect(await acquireLease(t.db, 'test-job', winner, new Date(now.getTime() + 59_000), 60_000)).toBe(true)
    expect(await acquireLease(t.db, 'test-job', loser, new Date(now.getTime() + 200_000), 60_000)).toBe(true)
  })
})
