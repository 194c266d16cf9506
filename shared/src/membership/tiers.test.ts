import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assertTierLadder, tierForGrowth, tierProgress, type Tier } from './tiers'

const ladder: Tier[] = [
  { id: 't0', name: '普通会员', threshold: 0 },
  { id: 't1', name: '白银会员', threshold: 500 },
  { id: 't2', name: '黄金会员', threshold: 2000 },
]

describe('tierForGrowth', () => {
  it.each([
    [0, '普通会员'], [499, '普通会员'], [500, '白银会员'], [1999, '白银会员'], [2000, '黄金会员'], [1_000_000, '黄金会员'],
  ])('growth %i is %s', (growth, name) => {
    expect(tierForGrowth(ladder, growth).name).toBe(name)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses growth %d', (growth) => {
    expect(() => tierForGrowth(ladder, growth)).toThrow(RangeError)
  })

  it('is monotonic: more growth never means a lower tier', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), (a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a]
      expect(ladder.indexOf(tierForGrowth(ladder, low))).toBeLessThanOrEqual(ladder.indexOf(tierForGrowth(ladder, high)))
    }))
  })
})

describe('tierProgress', () => {
  it.each([
    [0, '白银会员', 500, 0], [250, '白银会员', 250, 50], [499, '白银会员', 1, 99],
    [500, '黄金会员', 1500, 0], [1999, '黄金会员', 1, 99], [2000, null, 0, 100],
  ])('growth %i: next %s, %i needed, %i%%', (growth, next, needed, percent) => {
    const progress = tierProgress(ladder, growth)
    expect(progress.nextTier?.name ?? null).toBe(next)
    expect(progress.growthNeeded).toBe(needed)
    expect(progress.percent).toBe(percent)
  })

  it('always needs a positive whole amount to the next tier and a percent in 0..99 below the top', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1999 }), (growth) => {
      const { growthNeeded, percent, nextTier } = tierProgress(ladder, growth)
      expect(nextTier).not.toBeNull()
      expect(Number.isInteger(growthNeeded) && growthNeeded > 0).toBe(true)
      expect(growth + growthNeeded).toBe(nextTier!.threshold)
      expect(percent >= 0 && percent <= 99).toBe(true)
    }))
  })
})

describe('assertTierLadder', () => {
  it.each([
    [[], /at least one/],
    [[{ id: 'a', name: 'A', threshold: 10 }], /start at growth 0/],
    [[{ id: 'a', name: 'A', threshold: 0 }, { id: 'b', name: 'B', threshold: 0 }], /must ascend/],
  ])('refuses ladder %#', (tiers, message) => {
    expect(() => assertTierLadder(tiers)).toThrow(message)
  })
})
