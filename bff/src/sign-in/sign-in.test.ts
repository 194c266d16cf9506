import { addDays, fmcgTemplate } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { postEntry } from '../ledger/post-entry'
import { publishProgramVersion } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { at, entriesOf, memberJoinedAt, signIn, signInOn, signInRowsOf } from './sign-in-test-kit'

// FMCG rules: a sign-in gives 2 growth and 5 points; a cycle of 7 days; day 3 adds 10 points,
// day 7 adds 5 growth + 30 points.
const week = (first: string) => Array.from({ length: 7 }, (_, i) => addDays(first, i))

describe('POST /api/sign-in', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 })

  it('signs in once per business day: first the reward, then 409 ALREADY_SIGNED_IN, writing nothing', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13700000001', '2026-11-23 09:00')
    const first = await signIn(t, token)
    expect(first.status).toBe(201)
    expect(first.body).toEqual({
      businessDay: '2026-11-23',
      streak: 1,
      cycleDay: 1,
      rewards: { growth: 2, points: 5 },
      tierChange: null,
    })
    const entries = await entriesOf(t, memberId)
    expect(entries).toEqual([
      {
        ledger: 'growth',
        amount: 2,
        kind: 'sign_in',
        reason: '每日签到',
        business_day: '2026-11-23',
        idempotency_key: `sign_in:${memberId}:2026-11-23:growth`,
      },
      {
        ledger: 'points',
        amount: 5,
        kind: 'sign_in',
        reason: '每日签到',
        business_day: '2026-11-23',
        idempotency_key: `sign_in:${memberId}:2026-11-23:points`,
      },
    ])

    t.clock.set(at('2026-11-23 23:59'))
    const second = await signIn(t, token)
    expect(second.status).toBe(409)
    expect(second.body.error).toMatchObject({ code: 'ALREADY_SIGNED_IN', message: '今天已签到' })
    expect(await entriesOf(t, memberId)).toHaveLength(2)
    expect(await signInRowsOf(t, memberId)).toEqual([{ business_day: '2026-11-23', kind: 'daily', cycle_day: 1 }])
  })

  it('continues a streak across a month end, starts a new cycle after cycleDays, bonuses on days 3 and 7', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13700000002', '2026-11-20 09:00')
    const answers = await signInOn(t, token, [...week('2026-11-27'), '2026-12-04', '2026-12-05'])
    expect(answers.map((a) => a.status)).toEqual(Array(9).fill(201))
    expect(answers.map((a) => [a.body.businessDay, a.body.streak, a.body.cycleDay])).toEqual([
      ['2026-11-27', 1, 1],
      ['2026-11-28', 2, 2],
      ['2026-11-29', 3, 3],
      ['2026-11-30', 4, 4],
      ['2026-12-01', 5, 5],
      ['2026-12-02', 6, 6],
      ['2026-12-03', 7, 7],
      ['2026-12-04', 8, 1],
      ['2026-12-05', 9, 2],
    ])
    expect(answers[2].body.bonus).toEqual({ day: 3, growth: 0, points: 10 })
    expect(answers[6].body.bonus).toEqual({ day: 7, growth: 5, points: 30 })
    expect(answers.filter((a) => a.body.bonus).length).toBe(2)

    const bonusEntries = (await entriesOf(t, memberId)).filter((e) => e.reason.startsWith('连续签到'))
    expect(bonusEntries).toEqual([
      {
        ledger: 'growth',
        amount: 5,
        kind: 'sign_in',
        reason: '连续签到第 7 天奖励',
        business_day: '2026-12-03',
        idempotency_key: `sign_in:${memberId}:2026-12-03:bonus:growth`,
      },
      {
        ledger: 'points',
        amount: 10,
        kind: 'sign_in',
        reason: '连续签到第 3 天奖励',
        business_day: '2026-11-29',
        idempotency_key: `sign_in:${memberId}:2026-11-29:bonus:points`,
      },
      {
        ledger: 'points',
        amount: 30,
        kind: 'sign_in',
        reason: '连续签到第 7 天奖励',
        business_day: '2026-12-03',
        idempotency_key: `sign_in:${memberId}:2026-12-03:bonus:points`,
      },
    ])
    const me = (await t.json('GET', '/api/me', undefined, token)).body
    expect(me.growth).toBe(9 * 2 + 5)
    expect(me.points.balance).toBe(9 * 5 + 10 + 30)
  })

  it('a missed day restarts the streak at 1', async () => {
    const { token } = await memberJoinedAt(t, '13700000003', '2026-11-20 09:00')
    const answers = await signInOn(t, token, ['2026-11-21', '2026-11-22', '2026-11-24'])
    expect(answers.map((a) => a.body.streak)).toEqual([1, 2, 1])
  })

  it('a clock jumping back an hour never awards twice, within a day or back across midnight', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13700000004', '2026-12-01 09:00')
    t.clock.set(at('2026-12-10 10:00'))
    expect((await signIn(t, token)).status).toBe(201)
    t.clock.set(at('2026-12-10 09:00'))
    expect((await signIn(t, token)).body.error.code).toBe('ALREADY_SIGNED_IN')

    t.clock.set(at('2026-12-11 00:30'))
    expect((await signIn(t, token)).body.businessDay).toBe('2026-12-11')
    t.clock.set(at('2026-12-10 23:30')) // back into a day already left behind
    const back = await signIn(t, token)
    expect(back.status).toBe(409)
    expect(back.body.error.code).toBe('ALREADY_SIGNED_IN')
    t.clock.set(at('2026-12-09 23:30')) // even a day never signed: the member has moved past it
    expect((await signIn(t, token)).status).toBe(409)
    expect((await signInRowsOf(t, memberId)).map((r) => r.business_day)).toEqual(['2026-12-10', '2026-12-11'])
    expect(await entriesOf(t, memberId)).toHaveLength(4)
  })

  it('upgrades at once when the sign-in growth reaches the next threshold', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13700000005', '2026-11-23 09:00')
    const now = t.clock.now()
    await t.db.transaction().execute((trx) =>
      postEntry(trx, {
        memberId,
        ledger: 'growth',
        amount: 499,
        kind: 'adjustment',
        reason: '测试',
        actor: 'admin',
        idempotencyKey: `test:${memberId}`,
        ruleVersion: 1,
        businessDay: '2026-11-23',
        occurredAt: now,
        now,
        credit: { expiresAt: null },
      }),
    )
    const answer = await signIn(t, token)
    expect(answer.body.tierChange).toEqual({ from: 'regular', to: 'silver' })
    expect((await t.json('GET', '/api/me', undefined, token)).body.tier.id).toBe('silver')
  })

  it('is for joined members only, and refuses a body with fields', async () => {
    t.clock.set(at('2026-11-23 09:00'))
    const login = await t.json('POST', '/api/auth/local', { phone: '13700000006' })
    expect((await signIn(t, login.body.token)).body.error.code).toBe('MEMBER_NOT_JOINED')
    expect((await t.json('POST', '/api/sign-in', {})).status).toBe(401)
    const { token } = await memberJoinedAt(t, '13700000007', '2026-11-23 09:00')
    const withDay = await t.json('POST', '/api/sign-in', { day: '2026-11-20' }, token)
    expect(withDay.status).toBe(400)
    expect(withDay.body.error.code).toBe('INVALID_REQUEST')
  })

  it('accepts a request with no body at all', async () => {
    const { token } = await memberJoinedAt(t, '13700000008', '2026-11-23 09:00')
    const response = await t.app.request('/api/sign-in', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.status).toBe(201)
  })
})

describe('the business day with a 04:00 day start', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 })
  beforeAll(async () => {
    await publishProgramVersion(t.db, {
      rules: { ...fmcgTemplate, calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 240 } },
      template: null,
      note: 'late-night shop',
      publishedBy: 'test',
      now: t.clock.now(),
    })
  })

  it('03:59 still belongs to the day before; 04:00 starts a new day and continues the streak', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13700000011', '2026-11-24 12:00')
    t.clock.set(at('2026-11-25 03:59'))
    const late = await signIn(t, token)
    expect(late.body).toMatchObject({ businessDay: '2026-11-24', streak: 1 })
    t.clock.set(new Date(Date.parse(at('2026-11-25 04:00')) - 1).toISOString()) // 03:59:59.999
    expect((await signIn(t, token)).body.error.code).toBe('ALREADY_SIGNED_IN')
    t.clock.set(at('2026-11-25 04:00'))
    const early = await signIn(t, token)
    expect(early.status).toBe(201)
    expect(early.body).toMatchObject({ businessDay: '2026-11-25', streak: 2, cycleDay: 2 })
    const entries = await entriesOf(t, memberId)
    expect(entries.map((e) => e.business_day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-24', '2026-11-25'])
    const versions = await t.db
      .selectFrom('ledger_entries')
      .select('rule_version')
      .distinct()
      .where('member_id', '=', memberId)
      .execute()
    expect(versions).toEqual([{ rule_version: 2 }])
  })
})
