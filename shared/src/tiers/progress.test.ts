import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { awardForEvent } from '../earning/earning'
import type { ProgramRules } from '../program/program-rules'
import { fmcgTemplate } from '../program/templates/fmcg'
import { explainProgress, pathsFor, signInPathMaxDays } from './progress'

// FMCG: 1 growth per yuan, 2 growth per sign-in, tiers 0 / 500 (retain 400) / 2000 (retain 1600), 365-day window.
const rules = fmcgTemplate

function withSignIn(base: number, windowDays = rules.growth.windowDays): ProgramRules {
  const signIn = { ...rules.growth.sources.signIn, base, dailyCap: null }
  return { ...rules, growth: { ...rules.growth, windowDays, sources: { ...rules.growth.sources, signIn } } }
}

describe('pathsFor', () => {
  it.each([
    // growth needed, days left to act, expected paths
    [
      10,
      undefined,
      [
        { kind: 'order', amountFen: 1000 },
        { kind: 'sign_in', days: 5 },
      ],
    ],
    [
      60,
      undefined,
      [
        { kind: 'order', amountFen: 6000 },
        { kind: 'sign_in', days: 30 },
      ],
    ],
    // 31 sign-ins is past a month: the order is the only sensible way.
    [62, undefined, [{ kind: 'order', amountFen: 6200 }]],
    // The 签到 250 天 and 签到 738 天.
    [500, undefined, [{ kind: 'order', amountFen: 50_000 }]],
    [1476, undefined, [{ kind: 'order', amountFen: 147_600 }]],
    // Ten sign-ins do not fit in the seven days left.
    [20, 7, [{ kind: 'order', amountFen: 2000 }]],
    [
      14,
      7,
      [
        { kind: 'order', amountFen: 1400 },
        { kind: 'sign_in', days: 7 },
      ],
    ],
    [0, undefined, []],
    [-5, undefined, []],
  ])('%d growth within %j days → %j', (growthNeeded, withinDays, expected) => {
    expect(pathsFor(rules, growthNeeded, withinDays)).toEqual(expected)
  })

  it('offers no sign-in run longer than the growth window', () => {
    expect(pathsFor(withSignIn(1, 30), 30)).toContainEqual({ kind: 'sign_in', days: 30 })
    expect(pathsFor(withSignIn(1, 30), 31)).toEqual([{ kind: 'order', amountFen: 3100 }])
  })

  it('every sign-in path offered fits every bound and earns what is needed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: -10, max: 5000 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        (base, growthNeeded, withinDays) => {
          const custom = withSignIn(base)
          const perDay = awardForEvent(custom.growth.sources.signIn)
          const signIn = pathsFor(custom, growthNeeded, withinDays).find((path) => path.kind === 'sign_in')
          const fits = Math.ceil(growthNeeded / perDay) <= Math.min(signInPathMaxDays, withinDays ?? Infinity)
          expect(signIn !== undefined).toBe(growthNeeded > 0 && fits)
          if (signIn?.kind === 'sign_in') {
            expect(signIn.days * perDay).toBeGreaterThanOrEqual(growthNeeded)
            expect((signIn.days - 1) * perDay).toBeLessThan(growthNeeded)
          }
        },
      ),
    )
  })
})

describe('explainProgress', () => {
  const silver = { key: 'silver', validUntil: '2027-11-23' }

  it('says what still counts on the last day of validity and how much is short', () => {
    const progress = explainProgress(rules, { state: silver, countedGrowth: 1800, atRiskGrowth: 1500 })
    expect(progress.retain).toEqual({
      threshold: 400,
      byDay: '2027-11-23',
      growthKept: 300,
      growthShort: 100,
      windowDays: 365,
    })
  })

  it.each([
    ['fully safe', 1800, 0, 1800, 0],
    ['partly at risk but kept', 1800, 1000, 800, 0],
    ['all at risk', 1800, 1800, 0, 400],
  ])('%s: %d counted, %d at risk → %d kept, %d short', (_case, counted, atRisk, kept, short) => {
    const { retain } = explainProgress(rules, { state: silver, countedGrowth: counted, atRiskGrowth: atRisk })
    expect(retain).toMatchObject({ growthKept: kept, growthShort: short })
  })

  it('has nothing to keep for the entry tier', () => {
    const progress = explainProgress(rules, {
      state: { key: 'regular', validUntil: null },
      countedGrowth: 100,
      atRiskGrowth: 0,
      today: '2026-12-04',
    })
    expect(progress.retain).toBeNull()
    expect(progress.paths).toEqual([{ kind: 'order', amountFen: 40_000 }])
  })

  it('offers only the paths that fit in the validity left', () => {
    const input = { state: silver, countedGrowth: 1990, atRiskGrowth: 0 }
    // Five sign-ins reach gold; five days are left on the 19th, four on the 20th.
    expect(explainProgress(rules, { ...input, today: '2027-11-19' }).paths).toContainEqual({ kind: 'sign_in', days: 5 })
    expect(explainProgress(rules, { ...input, today: '2027-11-20' }).paths).toEqual([
      { kind: 'order', amountFen: 1000 },
    ])
  })
})
