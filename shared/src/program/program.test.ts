import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { awardForEvent, growthCountsUntil, orderGrowth, orderPoints, pointsExpiresAt } from '../earning/earning'
import { explainProgress } from '../tiers/progress'
import { ProgramRules } from './program-rules'
import { fmcgTemplate } from './templates/fmcg'
import { programTemplateKeys, programTemplates } from './templates/index'
import { evaluateUpgrade, evaluateValidityEnd, tierReached, tierRank } from '../tiers/tier-evaluation'

const rules = fmcgTemplate
const [regular, silver, gold] = rules.tiers
const calendar = rules.calendar

describe('ProgramRules schema', () => {
  it('accepts the FMCG template', () => {
    expect(ProgramRules.parse(fmcgTemplate)).toEqual(fmcgTemplate)
  })

  it.each([
    ['two tiers', { tiers: rules.tiers.slice(0, 2) }, 'tiers', '至少需要 3 个等级'],
    [
      'descending thresholds',
      { tiers: [regular, gold, { ...silver, threshold: 100 }] },
      'tiers.2.threshold',
      '逐级升高',
    ],
    ['first tier not at 0', { tiers: [{ ...regular, threshold: 10 }, silver, gold] }, 'tiers.0.threshold', '必须为 0'],
    [
      'retain above threshold',
      { tiers: [regular, { ...silver, retainThreshold: 600 }, gold] },
      'tiers.1.retainThreshold',
      'retain threshold must not exceed',
    ],
    ['duplicate keys', { tiers: [regular, silver, { ...gold, key: 'silver' }] }, 'tiers.2.key', '重复'],
    [
      'negative weight',
      {
        growth: {
          ...rules.growth,
          sources: { ...rules.growth.sources, signIn: { base: 2, weightPercent: -5, dailyCap: null } },
        },
      },
      'growth.sources.signIn.weightPercent',
      '不能小于 0',
    ],
    [
      'fractional base',
      {
        growth: {
          ...rules.growth,
          sources: { ...rules.growth.sources, order: { base: 1.5, weightPercent: 100, dailyCap: null } },
        },
      },
      'growth.sources.order.base',
      '整数',
    ],
    ['unknown zone', { calendar: { timeZone: 'Mars/Base', dayStartMinute: 0 } }, 'calendar.timeZone', '未知的时区'],
    ['unknown field', { surprise: true }, '', ''],
  ])('rejects %s at the field, in Chinese and English', (_label, change, path, message) => {
    const result = ProgramRules.safeParse({ ...rules, ...change })
    expect(result.success).toBe(false)
    const issue = result.error!.issues.find((i) => i.path.join('.') === path)
    expect(issue, JSON.stringify(result.error!.issues)).toBeDefined()
    expect(issue!.message).toContain(message)
  })
})

describe('earning', () => {
  it.each([
    [9900, 99],
    [9999, 99],
    [1, 0],
    [0, 0],
    [100_000_00, 100_000],
  ])('an order of %i fen earns %i growth', (fen, growth) => {
    expect(orderGrowth(rules, fen)).toBe(growth)
  })

  it.each([
    [10_000, regular, false, 100],
    [10_000, silver, false, 120],
    [10_000, gold, true, 300],
    [199, gold, false, 2],
  ])('an order of %i fen at %o (birthday %s) earns %i points', (fen, tier, birthday, points) => {
    expect(orderPoints(rules, fen, tier, birthday)).toBe(points)
  })

  it('weights and caps event sources per business day', () => {
    const signIn = { base: 10, weightPercent: 20, dailyCap: 3 }
    expect(awardForEvent(signIn)).toBe(2)
    expect(awardForEvent(signIn, 2)).toBe(1)
    expect(awardForEvent(signIn, 3)).toBe(0)
    expect(awardForEvent({ base: 5, weightPercent: 100, dailyCap: null }, 1000)).toBe(5)
  })

  it('never awards a negative, fractional or over-cap amount', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 1000 }),
        fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
        fc.nat({ max: 20_000 }),
        (base, weightPercent, dailyCap, awardedToday) => {
          const award = awardForEvent({ base, weightPercent, dailyCap }, awardedToday)
          expect(Number.isInteger(award) && award >= 0).toBe(true)
          if (dailyCap !== null) expect(award + awardedToday).toBeLessThanOrEqual(Math.max(dailyCap, awardedToday))
        },
      ),
    )
  })

  it('order earnings grow with the amount', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), fc.nat({ max: 1e9 }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        expect(orderGrowth(rules, low)).toBeLessThanOrEqual(orderGrowth(rules, high))
        expect(orderPoints(rules, low, gold, true)).toBeLessThanOrEqual(orderPoints(rules, high, gold, true))
      }),
    )
  })

  it.each([
    [{ kind: 'end_of_following_year' as const }, '2026-03-10T05:00:00Z', '2027-12-31T16:00:00.000Z'],
    // already 2027 in Shanghai
    [{ kind: 'end_of_following_year' as const }, '2026-12-31T16:30:00Z', '2028-12-31T16:00:00.000Z'],
    [{ kind: 'days_after_earning' as const, days: 30 }, '2026-11-23T02:00:00Z', '2026-12-23T16:00:00.000Z'],
    [{ kind: 'never' as const }, '2026-11-23T02:00:00Z', null],
  ])('points under %j earned %s lapse at %s', (expiry, earned, lapses) => {
    expect(pointsExpiresAt(expiry, new Date(earned), calendar)?.toISOString() ?? null).toBe(lapses)
  })

  it('growth earned today counts for the window and not a day longer', () => {
    expect(growthCountsUntil(rules, new Date('2026-11-23T02:00:00Z')).toISOString()).toBe('2027-11-22T16:00:00.000Z')
  })
})

describe('tier evaluation', () => {
  it("upgrades at once when growth reaches a higher threshold, valid for that tier's days", () => {
    expect(evaluateUpgrade(rules, { key: 'regular', validUntil: null }, 499, '2026-11-23')).toBeNull()
    expect(evaluateUpgrade(rules, { key: 'regular', validUntil: null }, 2000, '2026-11-23')).toEqual({
      kind: 'upgrade',
      from: 'regular',
      to: 'gold',
      state: { key: 'gold', validUntil: '2027-11-23' },
    })
    expect(evaluateUpgrade(rules, { key: 'gold', validUntil: '2027-01-01' }, 600, '2026-11-23')).toBeNull()
  })

  it('does nothing before validity ends, then retains or downgrades by retain thresholds', () => {
    const goldState = { key: 'gold', validUntil: '2026-11-23' }
    expect(evaluateValidityEnd(rules, goldState, 0, '2026-11-23')).toBeNull()
    expect(evaluateValidityEnd(rules, goldState, 1600, '2026-11-24')).toEqual({
      kind: 'retain',
      tier: 'gold',
      state: { key: 'gold', validUntil: '2027-11-23' },
    })
    expect(evaluateValidityEnd(rules, goldState, 1599, '2026-11-24')).toEqual({
      kind: 'downgrade',
      from: 'gold',
      to: 'silver',
      state: { key: 'silver', validUntil: '2027-11-24' },
    })
    expect(evaluateValidityEnd(rules, goldState, 399, '2026-11-24')).toEqual({
      kind: 'downgrade',
      from: 'gold',
      to: 'regular',
      state: { key: 'regular', validUntil: null },
    })
    expect(evaluateValidityEnd(rules, { key: 'regular', validUntil: null }, 0, '2030-01-01')).toBeNull()
  })

  it('is monotonic in growth: more growth never reaches or keeps a lower tier', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 5000 }),
        fc.nat({ max: 5000 }),
        fc.constantFrom('regular', 'silver', 'gold'),
        (a, b, key) => {
          const [low, high] = a <= b ? [a, b] : [b, a]
          expect(tierRank(rules, tierReached(rules, low).key)).toBeLessThanOrEqual(
            tierRank(rules, tierReached(rules, high).key),
          )
          const state = { key, validUntil: key === 'regular' ? null : '2026-01-01' }
          const keyAfter = (g: number) => evaluateValidityEnd(rules, state, g, '2026-06-01')?.state.key ?? key
          expect(tierRank(rules, keyAfter(low))).toBeLessThanOrEqual(tierRank(rules, keyAfter(high)))
        },
      ),
    )
  })
})

describe('explainProgress', () => {
  it('says how much growth is missing and the cheapest concrete paths', () => {
    const progress = explainProgress(rules, {
      state: { key: 'silver', validUntil: '2027-06-30' },
      countedGrowth: 1800,
      atRiskGrowth: 300,
    })
    expect(progress).toMatchObject({
      tier: { key: 'silver' },
      nextTier: { key: 'gold' },
      growthNeeded: 200,
      percent: 86,
      // 100 sign-ins is past the sensible bound, so only the order is offered.
      paths: [{ kind: 'order', amountFen: 20_000 }],
      retain: { threshold: 400, byDay: '2027-06-30', growthShort: 0 },
    })
  })

  it('at the top tier there is nothing left to reach', () => {
    const progress = explainProgress(rules, {
      state: { key: 'gold', validUntil: '2027-06-30' },
      countedGrowth: 900,
      atRiskGrowth: 500,
    })
    expect(progress).toMatchObject({
      nextTier: null,
      growthNeeded: 0,
      percent: 100,
      paths: [],
      retain: { threshold: 1600, growthShort: 1200 },
    })
  })
})

describe('industry templates', () => {
  it.each(programTemplateKeys)('%s validates and names every tier benefit in its library', (key) => {
    const rules = programTemplates[key].rules
    expect(ProgramRules.safeParse(rules).error?.issues ?? []).toEqual([])
    expect(rules.tiers.length).toBeGreaterThanOrEqual(3)
  })

  it('rejects a tier benefit missing from the library, at the field', () => {
    const broken = {
      ...fmcgTemplate,
      tiers: [fmcgTemplate.tiers[0], fmcgTemplate.tiers[1], { ...fmcgTemplate.tiers[2], benefits: ['spa_day'] }],
    }
    const issue = ProgramRules.safeParse(broken).error!.issues[0]
    expect(issue.path.join('.')).toBe('tiers.2.benefits.0')
    expect(issue.message).toContain('spa_day')
  })
})
