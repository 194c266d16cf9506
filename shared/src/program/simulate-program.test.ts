import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergePatch } from './merge-patch'
import { simulateProgram, type MemberReplay } from './simulate-program'
import { fmcgTemplate } from './templates/fmcg'
import type { ProgramRules } from './program-rules'

/** A member whose ledger today holds exactly what the replay gives (orders at 1 growth per yuan + sign-ins). */
const member = (currentTierKey: string, orderGrowth: number, signIns = 0): MemberReplay => ({
  currentTierKey,
  countedGrowth: orderGrowth + signIns * 2,
  orderGrowth,
  eventCounts: { signIn: signIns },
  fixedGrowth: 0,
})

const higher: ProgramRules = mergePatch(fmcgTemplate, {
  tiers: fmcgTemplate.tiers.map((tier, i) => ({
    ...tier,
    threshold: [0, 1000, 4000][i],
    retainThreshold: [0, 800, 3200][i],
  })),
}) as ProgramRules

describe('mergePatch', () => {
  it.each([
    [{ a: 1, b: { c: 2 } }, { b: { d: 3 } }, { a: 1, b: { c: 2, d: 3 } }],
    [{ a: 1, b: 2 }, { b: null }, { a: 1 }],
    [{ list: [1, 2] }, { list: [3] }, { list: [3] }],
    [{ a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
  ])('%j patched with %j is %j', (target, patch, result) => {
    expect(mergePatch(target, patch)).toEqual(result)
  })
})

describe('simulateProgram', () => {
  const members = [
    member('regular', 100),
    member('silver', 600),
    member('silver', 900, 50),
    member('gold', 2500),
    member('gold', 5000),
  ]

  it('predicts day one under both choices, moves, closeness and cost', () => {
    const result = simulateProgram(fmcgTemplate, higher, members)
    expect(result.today.map((t) => t.members)).toEqual([1, 2, 2])
    expect(result.predicted.map((t) => t.members)).toEqual([2, 2, 1])
    expect(result.keep.map((t) => t.members)).toEqual([1, 2, 2]) // nobody lowered, nobody reaches a new tier
    // silver 600 < retain 800 → regular; silver 900+100=1000 keeps; gold 2500 < 3200 → silver; gold 5000 keeps.
    expect(result.applyNow.map((t) => t.members)).toEqual([2, 2, 1])
    expect(result).toMatchObject({ members: 5, movesUp: 0, movesDownIfApplied: 2 })
    expect(result.nearNextTierPercent).toBe(0)
    expect(result.monthlyBenefitCostFen.draft).toBeGreaterThan(0)
    expect(result.warnings).toEqual([])
  })

  it('warns when the top tier would hold more than 30%', () => {
    const result = simulateProgram(fmcgTemplate, fmcgTemplate, [
      member('gold', 2500),
      member('gold', 3000),
      member('silver', 600),
      member('regular', 10),
    ])
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'TOP_TIER_CROWDED', tier: 'gold' }))
  })

  it('under "keep" never lowers anyone, and every member is counted once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('regular', 'silver', 'gold'),
            growth: fc.nat({ max: 6000 }),
            signIns: fc.nat({ max: 300 }),
          }),
          { maxLength: 50 },
        ),
        (list) => {
          const replay = list.map((m) => member(m.key, m.growth, m.signIns))
          const result = simulateProgram(fmcgTemplate, higher, replay)
          for (const table of [result.today, result.keep, result.applyNow])
            expect(table.reduce((s, t) => s + t.members, 0)).toBe(list.length)
          // Nobody lowered: for every rank, at least as many members stand at or above it as today.
          for (let rank = 0; rank < 3; rank += 1) {
            const atOrAbove = (table: { members: number }[]) => table.slice(rank).reduce((sum, t) => sum + t.members, 0)
            expect(atOrAbove(result.keep)).toBeGreaterThanOrEqual(atOrAbove(result.today))
          }
        },
      ),
    )
  })

  it('counts members within 20% of their next threshold', () => {
    const result = simulateProgram(fmcgTemplate, higher, [
      member('silver', 3200),
      member('silver', 3199),
      member('regular', 800),
      member('regular', 10),
    ])
    expect(result.nearNextTierPercent).toBe(50) // 3200 of 4000 and 800 of 1000 are within 20%
  })

  it('warns about an empty tier', () => {
    const result = simulateProgram(fmcgTemplate, fmcgTemplate, [member('regular', 10), member('silver', 600)])
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'TIER_EMPTY', tier: 'gold' }))
  })
})
