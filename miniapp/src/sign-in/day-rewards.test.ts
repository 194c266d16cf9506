import type { SignInCalendarResponse } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { dayRewardMark, dayRewards } from './day-rewards'

/** November 2026 with today the 18th: 7-day cycles, bonuses on cycle days 3 and 7, 2 growth + 5 points a day. */
const calendar = (today: { signed: boolean; cycleDay: number }): SignInCalendarResponse => ({
  month: '2026-11',
  days: Array.from({ length: 30 }, (_, i) => {
    const day = `2026-11-${String(i + 1).padStart(2, '0')}`
    const status = i + 1 < 18 ? 'signed' : i + 1 === 18 ? (today.signed ? 'signed' : 'today') : 'future'
    return { day, status, canMakeUp: false } as const
  }),
  streak: 4,
  today: {
    day: '2026-11-18',
    signed: today.signed,
    cycleDay: today.cycleDay,
    rewards: { growth: 2, points: 5 },
    bonus: null,
  },
  nextDayStartsAt: '2026-11-18T16:00:00.000Z',
  nextBonus: null,
  cycleDays: 7,
  bonuses: [
    { day: 3, growth: 0, points: 10 },
    { day: 7, growth: 20, points: 30 },
  ],
  makeUp: null,
})

describe('dayRewards', () => {
  it('gives each day from today the base reward plus the bonus of the cycle day it would reach', () => {
    const rewards = dayRewards(calendar({ signed: false, cycleDay: 5 }))
    // Today is cycle day 5: the 20th is day 7 (the big bonus), the 23rd day 3 of the next cycle, the 27th day 7.
    expect([...rewards.keys()][0]).toBe('2026-11-18')
    expect(rewards.size).toBe(13)
    expect(rewards.get('2026-11-18')).toEqual({ growth: 2, points: 5, milestone: false })
    expect(rewards.get('2026-11-20')).toEqual({ growth: 22, points: 35, milestone: true })
    expect(rewards.get('2026-11-23')).toEqual({ growth: 2, points: 15, milestone: true })
    expect(rewards.get('2026-11-27')).toEqual({ growth: 22, points: 35, milestone: true })
    expect([...rewards.values()].filter((r) => r.milestone)).toHaveLength(4)
    expect(rewards.has('2026-11-17')).toBe(false)
  })

  it('counts on from today when today is signed already, and leaves today out', () => {
    const rewards = dayRewards(calendar({ signed: true, cycleDay: 6 }))
    expect(rewards.has('2026-11-18')).toBe(false)
    expect(rewards.get('2026-11-19')).toEqual({ growth: 22, points: 35, milestone: true })
  })

  it('marks a cell with its points, or its growth when it gives no points', () => {
    expect(dayRewardMark({ growth: 2, points: 5, milestone: false })).toBe('+5')
    expect(dayRewardMark({ growth: 3, points: 0, milestone: false })).toBe('+3')
  })
})
