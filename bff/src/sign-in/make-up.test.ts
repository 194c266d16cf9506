import { fmcgTemplate } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishProgramVersion } from '../program/published-program'
import { useTestApp } from '../test/test-app'
import { at, entriesOf, grantPoints, makeUp, memberJoinedAt, signInOn, signInRowsOf } from './sign-in-test-kit'

// FMCG rules: a make-up costs 20 points, twice a month, and earns the day's 2 growth and 5 points.
describe('POST /api/sign-in/make-up', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 })

  it("costs points, earns the day's reward without a streak bonus, and repairs the streak", async () => {
    const { token, memberId } = await memberJoinedAt(t, '13720000001', '2026-11-01 09:00')
    await grantPoints(t, memberId, 100)
    await signInOn(t, token, ['2026-11-20', '2026-11-21', '2026-11-23'])
    const answer = await makeUp(t, token, '2026-11-22')
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      day: '2026-11-22',
      cycleDay: 3,
      streak: 4,
      costPoints: 20,
      rewards: { growth: 2, points: 5 },
      makeUpsLeft: 1,
      tierChange: null,
    })
    const entries = (await entriesOf(t, memberId)).filter((e) => e.reason.includes('补签'))
    expect(entries).toEqual([
      {
        ledger: 'growth',
        amount: 2,
        kind: 'sign_in',
        reason: '补签 11月22日',
        business_day: '2026-11-22',
        idempotency_key: `sign_in:${memberId}:2026-11-22:growth`,
      },
      {
        ledger: 'points',
        amount: -20,
        kind: 'redeem',
        reason: '补签 11月22日 消耗积分',
        business_day: '2026-11-23',
        idempotency_key: `make_up:${memberId}:2026-11-22:points`,
      },
      {
        ledger: 'points',
        amount: 5,
        kind: 'sign_in',
        reason: '补签 11月22日',
        business_day: '2026-11-22',
        idempotency_key: `sign_in:${memberId}:2026-11-22:points`,
      },
    ])
    // cycle day 3, yet no bonus
    expect((await entriesOf(t, memberId)).some((e) => e.reason.startsWith('连续签到'))).toBe(false)
    expect((await signInRowsOf(t, memberId)).find((r) => r.business_day === '2026-11-22')).toEqual({
      business_day: '2026-11-22',
      kind: 'make_up',
      cycle_day: 3,
    })

    const calendar = (await t.json('GET', '/api/sign-in/calendar', undefined, token)).body
    expect(calendar.streak).toBe(4)
    expect(calendar.days.find((d: { day: string }) => d.day === '2026-11-22')).toEqual({
      day: '2026-11-22',
      status: 'made_up',
      canMakeUp: false,
    })
    expect(calendar.makeUp).toEqual({ costPoints: 20, perMonth: 2, usedThisMonth: 1, left: 1 })
  })

  it('is limited per month: the third is 409 MAKE_UP_LIMIT_REACHED and writes nothing', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13720000002', '2026-11-01 09:00')
    await grantPoints(t, memberId, 100)
    t.clock.set(at('2026-11-23 10:00'))
    expect((await makeUp(t, token, '2026-11-05')).body.makeUpsLeft).toBe(1)
    expect((await makeUp(t, token, '2026-11-06')).body.makeUpsLeft).toBe(0)
    const before = await entriesOf(t, memberId)
    const third = await makeUp(t, token, '2026-11-07')
    expect(third.status).toBe(409)
    expect(third.body.error).toMatchObject({ code: 'MAKE_UP_LIMIT_REACHED', message: '本月补签次数已用完' })
    expect(await entriesOf(t, memberId)).toEqual(before)
    expect(await signInRowsOf(t, memberId)).toHaveLength(2)

    t.clock.set(at('2026-12-03 10:00')) // a new month brings new make-ups
    expect((await makeUp(t, token, '2026-12-01')).status).toBe(201)
  })

  it('refuses too few available points, held ones not counted: 409 POINTS_INSUFFICIENT, writing nothing', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13720000003', '2026-11-01 09:00')
    t.clock.set(at('2026-11-23 10:00'))
    const broke = await makeUp(t, token, '2026-11-20')
    expect(broke.status).toBe(409)
    expect(broke.body.error.code).toBe('POINTS_INSUFFICIENT')

    await grantPoints(t, memberId, 25)
    await t.db
      .updateTable('ledger_accounts')
      .set({ held: 10 })
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .execute()
    const held = await makeUp(t, token, '2026-11-20')
    expect(held.status).toBe(409)
    expect(held.body.error).toMatchObject({ code: 'POINTS_INSUFFICIENT', details: { available: 15, required: 20 } })
    expect(await signInRowsOf(t, memberId)).toEqual([])
    expect((await entriesOf(t, memberId)).map((e) => e.amount)).toEqual([25])
    await t.db
      .updateTable('ledger_accounts')
      .set({ held: 0 })
      .where('member_id', '=', memberId)
      .where('ledger', '=', 'points')
      .execute()
    expect((await makeUp(t, token, '2026-11-20')).status).toBe(201)
  })

  it.each([
    ['today', '2026-11-23', 400, 'MAKE_UP_DAY_NOT_PAST', '13720000011'],
    ['a future day', '2026-11-25', 400, 'MAKE_UP_DAY_NOT_PAST', '13720000012'],
    ['a day of the previous month', '2026-10-31', 400, 'MAKE_UP_DAY_NOT_THIS_MONTH', '13720000013'],
    ['a day before joining', '2026-11-09', 400, 'MAKE_UP_DAY_BEFORE_JOIN', '13720000014'],
    ['a day already signed', '2026-11-21', 409, 'ALREADY_SIGNED_IN', '13720000015'],
    ['a day that does not exist', '2026-11-31', 400, 'INVALID_REQUEST', '13720000016'],
  ])('refuses %s (%s) with %i %s', async (_, day, status, code, phone) => {
    const { token, memberId } = await memberJoinedAt(t, phone, '2026-11-10 09:00')
    await grantPoints(t, memberId, 100)
    await signInOn(t, token, ['2026-11-21'])
    t.clock.set(at('2026-11-23 10:00'))
    const answer = await makeUp(t, token, day)
    expect(answer.status).toBe(status)
    expect(answer.body.error.code).toBe(code)
    if (code === 'ALREADY_SIGNED_IN') expect(answer.body.error.message).toBe('11月21日已签到')
    expect(await signInRowsOf(t, memberId)).toHaveLength(1)
    expect(await entriesOf(t, memberId)).toHaveLength(3)
  })
})

describe('make-up turned off', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 }, { verifyLedgers: false })
  beforeAll(async () => {
    await publishProgramVersion(t.db, {
      rules: { ...fmcgTemplate, signIn: { ...fmcgTemplate.signIn, makeUp: null } },
      template: null,
      note: 'no make-up',
      publishedBy: 'test',
      now: t.clock.now(),
    })
  })

  it('refuses with 409 MAKE_UP_DISABLED, and the calendar says so', async () => {
    const { token, memberId } = await memberJoinedAt(t, '13720000099', '2026-11-01 09:00')
    await grantPoints(t, memberId, 100)
    t.clock.set(at('2026-11-23 10:00'))
    const answer = await makeUp(t, token, '2026-11-20')
    expect(answer.status).toBe(409)
    expect(answer.body.error.code).toBe('MAKE_UP_DISABLED')
    const calendar = (await t.json('GET', '/api/sign-in/calendar', undefined, token)).body
    expect(calendar.makeUp).toBeNull()
    expect(calendar.days.some((d: { canMakeUp: boolean }) => d.canMakeUp)).toBe(false)
  })
})
