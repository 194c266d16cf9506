import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../calendar/business-day'
import { fmcgTemplate } from '../program/templates/fmcg'
import { makeUpEffect, makeUpRefusal, makeUpsLeft, type MakeUpQuestion } from './make-up'
import { currentStreak, type SignInRules } from './streak'

const rules: SignInRules = fmcgTemplate.signIn // make-up costs 20 points, twice a month
const today = '2026-11-23'
const ask = (over: Partial<MakeUpQuestion>): MakeUpQuestion => ({
  day: '2026-11-20',
  today,
  joinedDay: '2026-11-01',
  signed: new Set(['2026-11-21', '2026-11-22']),
  makeUpsUsed: 0,
  ...over,
})

describe('makeUpRefusal', () => {
  it.each([
    ['a missed day earlier this month', ask({}), null],
    ['yesterday, missed', ask({ day: '2026-11-22', signed: new Set() }), null],
    ['the first of the month', ask({ day: '2026-11-01' }), null],
    ['the day the member joined', ask({ day: '2026-11-10', joinedDay: '2026-11-10' }), null],
    ['today (sign in instead)', ask({ day: today }), 'MAKE_UP_DAY_NOT_PAST'],
    ['a future day', ask({ day: '2026-11-24' }), 'MAKE_UP_DAY_NOT_PAST'],
    ['next month', ask({ day: '2026-12-01' }), 'MAKE_UP_DAY_NOT_PAST'],
    ['the previous month', ask({ day: '2026-10-31' }), 'MAKE_UP_DAY_NOT_THIS_MONTH'],
    ['last year', ask({ day: '2025-11-20' }), 'MAKE_UP_DAY_NOT_THIS_MONTH'],
    ['before the member joined', ask({ day: '2026-11-09', joinedDay: '2026-11-10' }), 'MAKE_UP_DAY_BEFORE_JOIN'],
    ['a day already signed', ask({ day: '2026-11-21' }), 'ALREADY_SIGNED_IN'],
    ['with one make-up used', ask({ makeUpsUsed: 1 }), null],
    ['with the monthly limit used', ask({ makeUpsUsed: 2 }), 'MAKE_UP_LIMIT_REACHED'],
  ])('%s → %s', (_, question, refusal) => {
    expect(makeUpRefusal(rules, question)).toBe(refusal)
  })

  it('is always refused when make-up is off', () => {
    expect(makeUpRefusal({ ...rules, makeUp: null }, ask({}))).toBe('MAKE_UP_DISABLED')
  })

  it('on the first of a month there is nothing before today to make up', () => {
    expect(makeUpRefusal(rules, ask({ today: '2026-12-01', day: '2026-11-30' }))).toBe('MAKE_UP_DAY_NOT_THIS_MONTH')
  })
})

describe('makeUpsLeft', () => {
  it.each([
    [0, 2],
    [1, 1],
    [2, 0],
    [5, 0],
  ])('%i used → %i left', (used, left) => {
    expect(makeUpsLeft(rules, used)).toBe(left)
  })
  it('is 0 when make-up is off', () => {
    expect(makeUpsLeft({ ...rules, makeUp: null }, 0)).toBe(0)
  })
})

describe('makeUpEffect', () => {
  it.each([
    // signed days, made-up day → cycle day of the made-up day, live streak after
    ['fills yesterday under today: the runs join', ['2026-11-20', '2026-11-21', '2026-11-23'], '2026-11-22', 3, 4],
    ['fills the day before yesterday with today open', ['2026-11-20', '2026-11-22'], '2026-11-21', 2, 3],
    ['an isolated day starts its own run and leaves the streak alone', ['2026-11-23'], '2026-11-10', 1, 1],
    ['a day that extends an old run only', ['2026-11-05', '2026-11-06', '2026-11-23'], '2026-11-07', 3, 1],
    [
      'a run longer than the cycle wraps',
      [...Array.from({ length: 8 }, (_, i) => addDays('2026-11-12', i)), '2026-11-21', '2026-11-22', '2026-11-23'],
      '2026-11-20',
      2,
      12,
    ],
  ])('%s', (_, signed, day, cycleDay, streak) => {
    const effect = makeUpEffect(rules, new Set(signed as string[]), day as string, today)
    expect(effect.cycleDay).toBe(cycleDay)
    expect(effect.streak.streak).toBe(streak)
  })

  it('never shortens the streak and never adds more than the two runs it joins, plus the day', () => {
    const days = fc
      .uniqueArray(fc.integer({ min: 1, max: 22 }), { maxLength: 22 })
      .map((ns) => ns.map((n) => addDays(today, -n)))
    fc.assert(
      fc.property(days, fc.integer({ min: 1, max: 22 }), (signedList, gap) => {
        const signed = new Set(signedList)
        const day = addDays(today, -gap)
        fc.pre(!signed.has(day))
        const before = currentStreak(signed, today).streak
        const after = makeUpEffect(rules, signed, day, today).streak.streak
        expect(after).toBeGreaterThanOrEqual(before)
        expect(after).toBeLessThanOrEqual(signed.size + 1)
        // A day that does not touch the live run cannot change it.
        if (after !== before) expect(after).toBeGreaterThan(before)
      }),
    )
  })
})
