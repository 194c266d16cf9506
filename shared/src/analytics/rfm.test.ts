import { describe, expect, it } from 'vitest'
import { InsightSettings } from './insights.schemas'
import { categoryTag, clvFen, clvFormulaText, lifecycleOf, quintileScore, rfmGroupLabel, rfmGroupOf } from './rfm'

const settings = InsightSettings.parse({})

describe('quintileScore', () => {
  it.each([
    [1, 5, 1],
    [5, 5, 5],
    [1, 10, 1],
    [2, 10, 1],
    [3, 10, 2],
    [10, 10, 5],
    [1, 1, 1],
    [3, 7, 2], // 1 + 10 div 7
    [7, 7, 5], // 1 + 30 div 7
  ])('rank %i of %i scores %i', (rank, count, score) => {
    expect(quintileScore(rank, count)).toBe(score)
  })

  it.each([
    [0, 5],
    [6, 5],
    [1.5, 5],
    [1, 0],
  ])('refuses rank %s of %s', (rank, count) => {
    expect(() => quintileScore(rank, count)).toThrow(RangeError)
  })
})

describe('rfmGroupOf', () => {
  it.each([
    [{ r: 5, f: 4, m: 4 }, 'important_value', '重要价值'],
    [{ r: 4, f: 3, m: 5 }, 'important_develop', '重要发展'],
    [{ r: 3, f: 4, m: 4 }, 'important_keep', '重要保持'],
    [{ r: 1, f: 1, m: 5 }, 'important_retain', '重要挽留'],
    [{ r: 5, f: 5, m: 3 }, 'general_value', '一般价值'],
    [{ r: 4, f: 1, m: 1 }, 'general_develop', '一般发展'],
    [{ r: 3, f: 4, m: 3 }, 'general_keep', '一般保持'],
    [{ r: 3, f: 3, m: 3 }, 'general_retain', '一般挽留'],
  ])('%o is %s', (scores, key, label) => {
    expect(rfmGroupOf(scores)).toBe(key)
    expect(rfmGroupLabel(key)).toBe(label)
  })

  it('has no group without scores', () => {
    expect(rfmGroupOf(null)).toBeNull()
    expect(rfmGroupLabel(null)).toBeNull()
  })
})

describe('lifecycleOf (defaults: new 30, active 90, dormant 180 days)', () => {
  it.each([
    [0, null, 'new'],
    [29, 200, 'new'],
    [30, 0, 'active'],
    [400, 89, 'active'],
    [400, 90, 'dormant'],
    [400, 179, 'dormant'],
    [400, 180, 'lapsed'],
    [100, null, 'dormant'], // never ordered: counted from joining
    [180, null, 'lapsed'],
    [null, null, 'lapsed'],
  ] as const)('joined %s days ago, last order %s days ago: %s', (ageDays, recencyDays, stage) => {
    expect(lifecycleOf({ ageDays, recencyDays }, settings.lifecycle)).toBe(stage)
  })
})

describe('clvFen', () => {
  it.each([
    [18_000, 365, 3, 54_000],
    [1_000, 90, 1, 4_056], // 1000 × 365 / 90 = 4055.56
    [1, 730, 1, 1], // 0.5 rounds up
    [0, 365, 3, 0],
  ])('%i fen over %i days for %i years is %i', (monetary, rfmWindowDays, clvExpectedYears, clv) => {
    expect(clvFen(monetary, { rfmWindowDays, clvExpectedYears })).toBe(clv)
  })

  it('writes its formula', () => {
    expect(clvFormulaText(settings)).toBe('CLV = 近 365 天消费 × 365 ÷ 365 × 预期 3 年')
  })
})

describe('categoryTag', () => {
  it('prefixes the category and keeps to 32 characters', () => {
    expect(categoryTag('茶饮')).toBe('偏好:茶饮')
    expect(categoryTag('a'.repeat(40))).toHaveLength(32)
  })
})
