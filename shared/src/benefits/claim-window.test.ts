import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BenefitGrant } from './benefit-library'
import { claimWindow } from './claim-window'

const coupons = [{ name: '券', kind: 'cash_off' as const, thresholdFen: 0, discountFen: 100, count: 1, validDays: 30 }]
const summer = { period: 'season' as const, season: { startsOn: '06-01', endsOn: '08-31' } }
const winter = { period: 'season' as const, season: { startsOn: '11-15', endsOn: '02-29' } }

describe('claimWindow: calendar periods', () => {
  it.each([
    ['month', '2026-11-01', '2026-11', '2026-11-30', '2026-12-01'],
    ['month', '2026-12-31', '2026-12', '2026-12-31', '2027-01-01'],
    ['month', '2028-02-10', '2028-02', '2028-02-29', '2028-03-01'],
    ['quarter', '2026-10-01', '2026-Q4', '2026-12-31', '2027-01-01'],
    ['quarter', '2026-09-30', '2026-Q3', '2026-09-30', '2026-10-01'],
    ['quarter', '2027-01-01', '2027-Q1', '2027-03-31', '2027-04-01'],
    ['year', '2026-12-31', '2026', '2026-12-31', '2027-01-01'],
    ['year', '2027-01-01', '2027', '2027-12-31', '2028-01-01'],
    ['once', '2026-11-23', 'once', null, null],
  ] as const)('%s on %s is period %s, ending %s, next from %s', (period, today, periodKey, endsOn, nextStartsOn) => {
    expect(claimWindow({ period }, today, null)).toEqual({ open: true, periodKey, endsOn, nextStartsOn })
  })

  it('gives every day of a year exactly one month and quarter key, changing only on the first of a period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (offset) => {
        const day = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
        const next = new Date(Date.UTC(2026, 0, 1) + (offset + 1) * 86_400_000).toISOString().slice(0, 10)
        for (const period of ['month', 'quarter', 'year'] as const) {
          const a = claimWindow({ period }, day, null)
          const b = claimWindow({ period }, next, null)
          if (!a.open || !b.open) throw new Error('calendar periods are always open')
          expect(a.periodKey !== b.periodKey).toBe(a.endsOn === day)
          if (a.periodKey !== b.periodKey) expect(a.nextStartsOn).toBe(next)
        }
      }),
    )
  })
})

describe('claimWindow: birthday month', () => {
  it.each([
    [
      '1990-11-05',
      '2026-11-01',
      { open: true, periodKey: 'birthday-2026', endsOn: '2026-11-30', nextStartsOn: '2027-11-01' },
    ],
    [
      '1990-11-05',
      '2026-11-30',
      { open: true, periodKey: 'birthday-2026', endsOn: '2026-11-30', nextStartsOn: '2027-11-01' },
    ],
    ['1990-12-25', '2026-11-30', { open: false, reason: 'NOT_BIRTHDAY_MONTH', nextStartsOn: '2026-12-01' }],
    ['1990-01-25', '2026-11-30', { open: false, reason: 'NOT_BIRTHDAY_MONTH', nextStartsOn: '2027-01-01' }],
    [
      '1992-02-29',
      '2027-02-01',
      { open: true, periodKey: 'birthday-2027', endsOn: '2027-02-28', nextStartsOn: '2028-02-01' },
    ],
    [null, '2026-11-30', { open: false, reason: 'BIRTHDAY_UNKNOWN', nextStartsOn: null }],
    ['not a date', '2026-11-30', { open: false, reason: 'BIRTHDAY_UNKNOWN', nextStartsOn: null }],
  ] as const)('birthday %s on %s', (birthday, today, expected) => {
    expect(claimWindow({ period: 'birthday_month' }, today, birthday)).toEqual(expected)
  })
})

describe('claimWindow: seasons', () => {
  it.each([
    [summer, '2026-05-31', { open: false, reason: 'BENEFIT_NOT_IN_SEASON', nextStartsOn: '2026-06-01' }],
    [summer, '2026-06-01', { open: true, periodKey: 'season-2026', endsOn: '2026-08-31', nextStartsOn: '2027-06-01' }],
    [summer, '2026-08-31', { open: true, periodKey: 'season-2026', endsOn: '2026-08-31', nextStartsOn: '2027-06-01' }],
    [summer, '2026-09-01', { open: false, reason: 'BENEFIT_NOT_IN_SEASON', nextStartsOn: '2027-06-01' }],
    [winter, '2026-11-14', { open: false, reason: 'BENEFIT_NOT_IN_SEASON', nextStartsOn: '2026-11-15' }],
    [winter, '2026-11-15', { open: true, periodKey: 'season-2026', endsOn: '2027-02-28', nextStartsOn: '2027-11-15' }],
    [winter, '2027-01-10', { open: true, periodKey: 'season-2026', endsOn: '2027-02-28', nextStartsOn: '2027-11-15' }],
    [winter, '2028-02-29', { open: true, periodKey: 'season-2027', endsOn: '2028-02-29', nextStartsOn: '2028-11-15' }],
    [winter, '2027-03-01', { open: false, reason: 'BENEFIT_NOT_IN_SEASON', nextStartsOn: '2027-11-15' }],
  ] as const)('%j on %s', (grant, today, expected) => {
    expect(claimWindow(grant, today, null)).toEqual(expected)
  })
})

describe('BenefitGrant season dates', () => {
  it.each([
    [{ period: 'season', season: { startsOn: '06-01', endsOn: '08-31' }, coupons }, true],
    [{ period: 'season', season: { startsOn: '02-29', endsOn: '03-31' }, coupons }, true],
    [{ period: 'season', coupons }, false],
    [{ period: 'season', season: { startsOn: '02-30', endsOn: '03-31' }, coupons }, false],
    [{ period: 'season', season: { startsOn: '13-01', endsOn: '03-31' }, coupons }, false],
    [{ period: 'season', season: { startsOn: '6-1', endsOn: '08-31' }, coupons }, false],
  ])('%j valid: %s', (grant, valid) => {
    expect(BenefitGrant.safeParse(grant).success).toBe(valid)
  })
})
