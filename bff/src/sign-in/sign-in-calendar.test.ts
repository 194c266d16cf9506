import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { at, memberJoinedAt, signInOn } from './sign-in-test-kit'

type Day = { day: string; status: string; canMakeUp: boolean }

describe('GET /api/sign-in/calendar', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 365 }, { verifyLedgers: false })

  const calendar = async (token: string, month?: string) =>
    t.json('GET', `/api/sign-in/calendar${month ? `?month=${month}` : ''}`, undefined, token)

  it('lays out the current month with statuses, the live streak, today and the next bonus', async () => {
    const { token } = await memberJoinedAt(t, '13730000001', '2026-11-10 09:00')
    await signInOn(t, token, ['2026-11-20', '2026-11-21', '2026-11-22'])
    t.clock.set(at('2026-11-23 08:00'))
    const { status, body } = await calendar(token)
    expect(status).toBe(200)
    expect(body.month).toBe('2026-11')
    expect(body.days).toHaveLength(30)
    const statusOf = (day: string) => (body.days as Day[]).find((d) => d.day === day)
    expect(statusOf('2026-11-09')).toEqual({ day: '2026-11-09', status: 'before_join', canMakeUp: false })
    expect(statusOf('2026-11-19')).toEqual({ day: '2026-11-19', status: 'missed', canMakeUp: true })
    expect(statusOf('2026-11-22')).toEqual({ day: '2026-11-22', status: 'signed', canMakeUp: false })
    expect(statusOf('2026-11-23')).toEqual({ day: '2026-11-23', status: 'today', canMakeUp: false })
    expect(statusOf('2026-11-24')).toEqual({ day: '2026-11-24', status: 'future', canMakeUp: false })
    expect(body.streak).toBe(3)
    // Today would be day 4 of the streak; the next bonus is day 7, four sign-ins away: 再签 4 天得 5 成长值 30 积分.
    expect(body.today).toEqual({
      day: '2026-11-23',
      signed: false,
      cycleDay: 4,
      rewards: { growth: 2, points: 5 },
      bonus: null,
    })
    expect(body.nextBonus).toEqual({ day: 7, growth: 5, points: 30, signInsNeeded: 4 })
    // Shanghai midnight, the demo program's day start: the page refetches then.
    expect(body.nextDayStartsAt).toBe('2026-11-23T16:00:00.000Z')
    expect(body.cycleDays).toBe(7)
    expect(body.bonuses).toEqual([
      { day: 3, growth: 0, points: 10 },
      { day: 7, growth: 5, points: 30 },
    ])
    expect(body.makeUp).toEqual({ costPoints: 20, perMonth: 2, usedThisMonth: 0, left: 2 })
  })

  it('after signing today: today is signed and the next bonus counts from tomorrow', async () => {
    const { token } = await memberJoinedAt(t, '13730000002', '2026-11-10 09:00')
    await signInOn(t, token, ['2026-11-22', '2026-11-23'])
    const { body } = await calendar(token)
    expect(body.streak).toBe(2)
    expect(body.today).toMatchObject({ day: '2026-11-23', signed: true, cycleDay: 2, bonus: null })
    expect(body.nextBonus).toEqual({ day: 3, growth: 0, points: 10, signInsNeeded: 1 })
  })

  it('shows another month on request, without make-ups there, and a streak that crosses into it', async () => {
    const { token } = await memberJoinedAt(t, '13730000003', '2026-11-10 09:00')
    await signInOn(t, token, ['2026-11-29', '2026-11-30', '2026-12-01'])
    const december = (await calendar(token)).body
    expect(december.month).toBe('2026-12')
    expect(december.streak).toBe(3)
    expect(december.today).toMatchObject({ signed: true, cycleDay: 3, bonus: { day: 3, growth: 0, points: 10 } })
    const november = (await calendar(token, '2026-11')).body
    expect((november.days as Day[]).filter((d) => d.status === 'signed').map((d) => d.day)).toEqual([
      '2026-11-29',
      '2026-11-30',
    ])
    expect((november.days as Day[]).some((d) => d.canMakeUp)).toBe(false)
  })

  it.each(['2026-13', '2026-1', 'november', '2026-11-01'])('refuses month %j with 400', async (month) => {
    const { token } = await memberJoinedAt(t, '13730000004', '2026-11-10 09:00')
    const answer = await calendar(token, month)
    expect(answer.status).toBe(400)
    expect(answer.body.error.code).toBe('INVALID_REQUEST')
  })
})
