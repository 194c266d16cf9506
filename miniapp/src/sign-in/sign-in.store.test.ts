import { describe, expect, it } from 'vitest'
import type { SignInCalendarDay, SignInCalendarResponse } from '@mc/shared'
import { jsonResponse } from '../../test/fixtures'
import { dayTapRefusal, makeUpConfirm, nextBonusHint, signInToast } from './sign-in-copy'
import { initialSignInState, signInSelectors, useSignInStore } from './sign-in.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useSignInStore.setState(initialSignInState()))
const store = () => useSignInStore.getState()

const calendar = (signed: boolean): SignInCalendarResponse => ({
  month: '2026-11',
  days: [
    { day: '2026-11-01', status: 'missed', canMakeUp: true },
    { day: '2026-11-02', status: signed ? 'signed' : 'today', canMakeUp: false },
  ],
  streak: signed ? 1 : 0,
  today: { day: '2026-11-02', signed, cycleDay: 1, rewards: { growth: 2, points: 5 }, bonus: null },
  nextDayStartsAt: '2026-11-02T16:00:00.000Z',
  nextBonus: { day: 3, growth: 0, points: 10, signInsNeeded: signed ? 2 : 3 },
  cycleDays: 7,
  bonuses: [{ day: 3, growth: 0, points: 10 }],
  makeUp: { costPoints: 20, perMonth: 2, usedThisMonth: 0, left: 2 },
})

describe('sign-in store', () => {
  it('signInCompleted: signs in, then refetches the calendar of the month on screen', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, calendar(false)))
    await store().loadCalendar()
    expect(signInSelectors.signedToday(store())).toBe(false)
    fetchMock.mockResolvedValueOnce(
      jsonResponse(201, {
        businessDay: '2026-11-02',
        streak: 1,
        cycleDay: 1,
        rewards: { growth: 2, points: 5 },
        tierChange: null,
      }),
    )
    fetchMock.mockResolvedValueOnce(jsonResponse(200, calendar(true)))
    const response = await store().signIn()
    expect(response?.rewards).toEqual({ growth: 2, points: 5 })
    expect(fetchMock.mock.calls[1][0]).toBe('/api/sign-in')
    expect(fetchMock.mock.calls[2][0]).toBe('/api/sign-in/calendar?month=2026-11')
    expect(signInSelectors.signedToday(store())).toBe(true)
    expect(signInSelectors.streak(store())).toBe(1)
  })

  it('a second sign-in keeps ALREADY_SIGNED_IN as the error and shows the fresh calendar', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(409, { error: { code: 'ALREADY_SIGNED_IN', message: '今天已签到' } }))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, calendar(true)))
    expect(await store().signIn()).toBeNull()
    expect(store().error?.code).toBe('ALREADY_SIGNED_IN')
    expect(signInSelectors.signedToday(store())).toBe(true)
  })

  it('makeUp posts the day and reports POINTS_INSUFFICIENT without refetching', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(409, { error: { code: 'POINTS_INSUFFICIENT', message: '积分不足' } }))
    expect(await store().makeUp('2026-11-01')).toBeNull()
    expect(JSON.parse(fetchMock.mock.calls[0][1]!.body as string)).toEqual({ day: '2026-11-01' })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(store().error?.message).toBe('积分不足')
  })
})

describe('sign-in copy', () => {
  it.each([
    [{ growth: 2, points: 5 }, undefined, '签到成功 +2 成长值 +5 积分'],
    [
      { growth: 2, points: 5 },
      { day: 3, growth: 0, points: 10 },
      '签到成功 +2 成长值 +5 积分\n连签第 3 天奖励 +10 积分',
    ],
  ])('toast for %j', (rewards, bonus, text) => {
    expect(signInToast(rewards, bonus)).toBe(text)
  })

  it.each([
    [{ day: 3, growth: 0, points: 30, signInsNeeded: 2 }, true, '再签 2 天得 30 积分'],
    [{ day: 7, growth: 5, points: 30, signInsNeeded: 1 }, true, '明日签到得 5 成长值 30 积分'],
    [{ day: 7, growth: 0, points: 30, signInsNeeded: 1 }, false, '今日签到得 30 积分'],
    [null, false, null],
  ])('next bonus %j', (next, signedToday, text) => {
    expect(nextBonusHint(next, signedToday)).toBe(text)
  })

  it('confirm text names cost and make-ups left', () => {
    expect(makeUpConfirm('11月1日', 20, 2)).toBe('补签11月1日将消耗 20 积分，本月还可补签 2 次')
  })

  describe('dayTapRefusal: every tapped day is answered', () => {
    const makeUp = { costPoints: 20, perMonth: 2, usedThisMonth: 0, left: 2 }
    const none = { ...makeUp, usedThisMonth: 2, left: 0 }
    const day = (d: string, status: SignInCalendarDay['status'], canMakeUp = false) => ({ day: d, status, canMakeUp })
    it.each([
      ['a missed day that can be made up', day('2026-11-01', 'missed', true), makeUp, null],
      ['a signed day', day('2026-11-01', 'signed'), makeUp, '这天已签到，无需补签'],
      ['today, signed', day('2026-11-02', 'signed'), makeUp, '今天已签到，明天再来'],
      ['a made-up day', day('2026-11-01', 'made_up'), makeUp, '这天已补签'],
      ['today, not signed yet', day('2026-11-02', 'today'), makeUp, '今天还没签到，点上方「签到」即可'],
      ['a future day', day('2026-11-03', 'future'), makeUp, '还没到这一天，到时再来签到'],
      ['a day before joining', day('2026-11-01', 'before_join'), makeUp, '这天您还未开通会员，无需补签'],
      ['a missed day, no make-up left', day('2026-11-01', 'missed'), none, '本月 2 次补签机会已用完'],
      ['a missed day of last month', day('2026-10-30', 'missed'), makeUp, '只能补签本月漏签的日期'],
      ['a missed day, make-up off', day('2026-11-01', 'missed'), null, '当前活动不支持补签'],
    ])('%s', (_, tapped, rules, answer) => {
      expect(dayTapRefusal(tapped, { today: '2026-11-02', makeUp: rules })).toBe(answer)
    })
  })
})
