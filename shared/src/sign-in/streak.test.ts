import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../calendar/business-day'
import { fmcgTemplate } from '../program/templates/fmcg'
import { bonusOn, currentStreak, cycleDayOf, runEndingOn, upcomingBonus, type SignInRules } from './streak'

const rules: SignInRules = fmcgTemplate.signIn // cycle of 7; day 3: 10 points; day 7: 5 growth + 30 points
const today = '2026-12-02'
const back = (n: number) => addDays(today, -n)

describe('currentStreak', () => {
  it.each([
    ['nothing signed', [], 0, null],
    ['only today', [back(0)], 1, back(0)],
    ['only yesterday: still alive, today can continue it', [back(1)], 1, back(1)],
    ['the day before yesterday only: broken', [back(2)], 0, null],
    ['today and the two before', [back(0), back(1), back(2)], 3, back(0)],
    ['a gap ends the count', [back(0), back(1), back(3), back(4)], 2, back(0)],
    ['yesterday back, today open', [back(1), back(2), back(3)], 3, back(1)],
    ['across a month end (30 Nov → 1 Dec → 2 Dec)', ['2026-11-30', '2026-12-01', '2026-12-02'], 3, '2026-12-02'],
    ['duplicates count once', [back(0), back(0), back(1), back(1)], 2, back(0)],
    ['a day after today (clock went back) is not counted', [addDays(today, 1), back(0)], 1, back(0)],
    ['order does not matter', [back(2), back(0), back(1)], 3, back(0)],
  ])('%s', (_, days, streak, endDay) => {
    expect(currentStreak(days as string[], today)).toEqual({ streak, endDay })
  })

  it('counts a long streak across a year end', () => {
    const days = Array.from({ length: 400 }, (_, i) => back(i))
    expect(currentStreak(days, today).streak).toBe(400)
  })
})

describe('runEndingOn', () => {
  it('is 0 when the day itself is not signed', () => {
    expect(runEndingOn(new Set([back(1)]), today)).toBe(0)
  })
})

describe('cycleDayOf', () => {
  it.each([
    [1, 7, 1],
    [3, 7, 3],
    [7, 7, 7],
    [8, 7, 1],
    [14, 7, 7],
    [15, 7, 1],
    [31, 31, 31],
    [32, 31, 1],
    [5, 2, 1],
  ])('streak %i in a cycle of %i is day %i', (streak, cycle, day) => {
    expect(cycleDayOf(streak, cycle)).toBe(day)
  })

  it.each([
    [0, 7],
    [-1, 7],
    [1.5, 7],
    [1, 0],
    [Number.NaN, 7],
  ])('refuses streak %s / cycle %s', (streak, cycle) => {
    expect(() => cycleDayOf(streak, cycle)).toThrow(RangeError)
  })
})

describe('bonusOn', () => {
  it.each([
    [1, null],
    [3, { day: 3, growth: 0, points: 10 }],
    [7, { day: 7, growth: 5, points: 30 }],
    [8, null],
  ])('cycle day %i → %j', (day, bonus) => {
    expect(bonusOn(rules, day)).toEqual(bonus)
  })

  it('adds up two bonuses on one day and ignores a bonus worth nothing', () => {
    const twice: SignInRules = {
      ...rules,
      streakBonuses: [
        { day: 2, growth: 1, points: 2 },
        { day: 2, growth: 3, points: 4 },
        { day: 5, growth: 0, points: 0 },
      ],
    }
    expect(bonusOn(twice, 2)).toEqual({ day: 2, growth: 4, points: 6 })
    expect(bonusOn(twice, 5)).toBeNull()
  })
})

describe('upcomingBonus', () => {
  it.each([
    [0, { day: 3, growth: 0, points: 10, signInsNeeded: 3 }],
    [1, { day: 3, growth: 0, points: 10, signInsNeeded: 2 }],
    [2, { day: 3, growth: 0, points: 10, signInsNeeded: 1 }],
    [3, { day: 7, growth: 5, points: 30, signInsNeeded: 4 }],
    [5, { day: 7, growth: 5, points: 30, signInsNeeded: 2 }],
    [6, { day: 7, growth: 5, points: 30, signInsNeeded: 1 }],
    [7, { day: 3, growth: 0, points: 10, signInsNeeded: 3 }], // the cycle starts again
  ])('after cycle day %i → %j', (last, bonus) => {
    expect(upcomingBonus(rules, last)).toEqual(bonus)
  })

  it('is null without bonuses, and refuses a cycle day outside the cycle', () => {
    expect(upcomingBonus({ ...rules, streakBonuses: [] }, 2)).toBeNull()
    expect(() => upcomingBonus(rules, 8)).toThrow(RangeError)
    expect(() => upcomingBonus(rules, -1)).toThrow(RangeError)
  })
})

describe('streak properties', () => {
  // Days within two months before and a few after today, with duplicates.
  const signedDays = fc.array(fc.integer({ min: -3, max: 60 }), { maxLength: 80 }).map((offsets) => offsets.map(back))

  it('never counts a day twice and never skips a missing day', () => {
    fc.assert(
      fc.property(signedDays, (days) => {
        const set = new Set(days)
        const { streak, endDay } = currentStreak(days, today)
        if (streak === 0) {
          expect(set.has(today) || set.has(back(1))).toBe(false)
          return
        }
        expect([today, back(1)]).toContain(endDay)
        const counted = Array.from({ length: streak }, (_, i) => addDays(endDay!, -i))
        expect(new Set(counted).size).toBe(streak) // each day once
        for (const day of counted) expect(set.has(day)).toBe(true) // no missing day inside
        expect(set.has(addDays(endDay!, -streak))).toBe(false) // and it stops at the first missing day
        expect(streak).toBeLessThanOrEqual(new Set(days.filter((d) => d <= today)).size)
        if (endDay === back(1)) expect(set.has(today)).toBe(false)
      }),
    )
  })

  it('signing today adds exactly one to a streak that reached yesterday, and starts at 1 otherwise', () => {
    fc.assert(
      fc.property(signedDays, (days) => {
        const open = days.filter((d) => d !== today && d <= today)
        const before = currentStreak(open, today)
        const after = currentStreak([...open, today], today)
        expect(after.streak).toBe(before.endDay === back(1) ? before.streak + 1 : 1)
      }),
    )
  })

  it('the cycle day runs 1..cycleDays and advances by one each day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 31 }), (streak, cycle) => {
        const day = cycleDayOf(streak, cycle)
        expect(day).toBeGreaterThanOrEqual(1)
        expect(day).toBeLessThanOrEqual(cycle)
        expect(cycleDayOf(streak + 1, cycle)).toBe(day === cycle ? 1 : day + 1)
      }),
    )
  })

  it('the upcoming bonus is the one the next sign-ins actually reach', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), (last) => {
        const next = upcomingBonus(rules, last)!
        const reachedOn = cycleDayOf(last + next.signInsNeeded, rules.cycleDays)
        expect(bonusOn(rules, reachedOn)).toEqual({ day: next.day, growth: next.growth, points: next.points })
        for (let k = 1; k < next.signInsNeeded; k += 1)
          expect(bonusOn(rules, cycleDayOf(last + k, rules.cycleDays))).toBeNull()
      }),
    )
  })
})
