import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../calendar/business-day'
import { fmcgTemplate } from '../program/templates/fmcg'
import { chineseMonthDay, daysOfMonth, isCalendarMonth, monthCalendar, type SignedDay } from './month-calendar'

const rules = fmcgTemplate.signIn

describe('daysOfMonth', () => {
  it.each([
    ['2026-11', 30],
    ['2026-12', 31],
    ['2026-02', 28],
    ['2028-02', 29],
    ['2027-01', 31],
  ])('%s has %i days', (month, count) => {
    const days = daysOfMonth(month)
    expect(days).toHaveLength(count)
    expect(days[0]).toBe(`${month}-01`)
    expect(days[days.length - 1]).toBe(`${month}-${count}`)
  })

  it.each(['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', ''])('refuses %j', (month) => {
    expect(isCalendarMonth(month)).toBe(false)
    expect(() => daysOfMonth(month)).toThrow(RangeError)
  })
})

describe('monthCalendar', () => {
  const signIns: SignedDay[] = [
    { day: '2026-11-18', kind: 'daily' },
    { day: '2026-11-19', kind: 'make_up' },
    { day: '2026-11-20', kind: 'daily' },
    { day: '2026-11-23', kind: 'daily' },
  ]
  const calendar = (over: { today?: string; makeUpsUsed?: number; month?: string; signIns?: SignedDay[] } = {}) =>
    monthCalendar(rules, {
      month: '2026-11',
      today: '2026-11-23',
      joinedDay: '2026-11-10',
      signIns,
      makeUpsUsed: 1,
      ...over,
    })
  const statusOf = (days: ReturnType<typeof calendar>, day: string) => days.find((d) => d.day === day)

  it.each([
    ['2026-11-01', 'before_join', false],
    ['2026-11-09', 'before_join', false],
    ['2026-11-10', 'missed', true],
    ['2026-11-18', 'signed', false],
    ['2026-11-19', 'made_up', false],
    ['2026-11-21', 'missed', true],
    ['2026-11-22', 'missed', true],
    ['2026-11-23', 'signed', false],
    ['2026-11-24', 'future', false],
    ['2026-11-30', 'future', false],
  ])('%s is %s (make-up allowed: %s)', (day, status, canMakeUp) => {
    expect(statusOf(calendar(), day)).toEqual({ day, status, canMakeUp })
  })

  it('shows today as open until it is signed', () => {
    expect(statusOf(calendar({ signIns: [] }), '2026-11-23')?.status).toBe('today')
  })

  it("offers no make-up once the month's make-ups are used", () => {
    expect(calendar({ makeUpsUsed: 2 }).some((d) => d.canMakeUp)).toBe(false)
  })

  it('offers no make-up in another month, which is all missed, signed or future', () => {
    const october = calendar({ month: '2026-10' })
    expect(october.every((d) => !d.canMakeUp)).toBe(true)
    expect(calendar({ month: '2026-12' }).every((d) => d.status === 'future')).toBe(true)
  })

  it('gives every day exactly one status, and only missed days can be made up', () => {
    const offsets = fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { maxLength: 30 })
    fc.assert(
      fc.property(
        offsets,
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 0, max: 3 }),
        (signed, todayOffset, used) => {
          const today = addDays('2026-11-01', todayOffset)
          const list: SignedDay[] = signed.map((n, i) => ({
            day: addDays('2026-11-01', n),
            kind: i % 3 === 0 ? 'make_up' : 'daily',
          }))
          const days = monthCalendar(rules, {
            month: '2026-11',
            today,
            joinedDay: '2026-11-05',
            signIns: list,
            makeUpsUsed: used,
          })
          expect(days).toHaveLength(30)
          for (const d of days) {
            const recorded = list.find((s) => s.day === d.day)
            if (recorded) expect(d.status).toBe(recorded.kind === 'daily' ? 'signed' : 'made_up')
            if (d.canMakeUp) expect(d.status === 'missed' && d.day < today && used < 2).toBe(true)
          }
        },
      ),
    )
  })
})

describe('chineseMonthDay', () => {
  it.each([
    ['2026-11-20', '11月20日'],
    ['2026-01-05', '1月5日'],
    ['2026-12-31', '12月31日'],
  ])('%s → %s', (day, text) => {
    expect(chineseMonthDay(day)).toBe(text)
  })
})
