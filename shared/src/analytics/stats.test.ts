import { describe, expect, it } from 'vitest'
import { csvOfTable } from './csv'
import { armVariance, meanDifference, membersNeeded } from './stats'

describe('difference of means with a 95% interval', () => {
  it('finds a clear difference: means 2 and 1, variances 1, 40 and 50 members', () => {
    // SE = √(1/40 + 1/50) = √0.045 = 0.212132; 1.96 · SE = 0.415779.
    const result = meanDifference({ members: 40, sum: 80, sumsq: 199 }, { members: 50, sum: 50, sumsq: 99 })
    expect(result.verdict).toBe('higher')
    expect(result.difference).toBe(1)
    expect(result.ciLow).toBeCloseTo(0.584221, 5)
    expect(result.ciHigh).toBeCloseTo(1.415779, 5)
    expect(result.membersNeeded).toBeNull()
  })

  it('says 样本不足 and how many members it needs when the interval includes zero at the observed effect', () => {
    // Means 1.1 and 1, variances 1: n = (1.96 + 0.8416)² · 2 / 0.1² = 1569.8 → 1570 per arm.
    const treated = { members: 30, sum: 33, sumsq: 33 ** 2 / 30 + 29 }
    const control = { members: 30, sum: 30, sumsq: 30 + 29 }
    expect(armVariance(treated)).toBeCloseTo(1, 9)
    const result = meanDifference(treated, control)
    expect(result.verdict).toBe('insufficient')
    expect(result.ciLow).toBeLessThan(0)
    expect(result.membersNeeded).toBe(1570)
  })

  it.each([
    ['an arm under 30 members', { members: 29, sum: 290, sumsq: 2900 + 28 }, 'insufficient'],
    ['an empty arm', { members: 0, sum: 0, sumsq: 0 }, 'insufficient'],
    ['a single member', { members: 1, sum: 5, sumsq: 25 }, 'insufficient'],
  ] as const)('is insufficient with %s', (_name, treated, verdict) => {
    const result = meanDifference(treated, { members: 100, sum: 100, sumsq: 199 })
    expect(result.verdict).toBe(verdict)
    expect(result.membersNeeded).toBeGreaterThanOrEqual(30)
  })

  it('calls identical large arms no clear difference', () => {
    const arm = { members: 200, sum: 200, sumsq: 400 }
    expect(meanDifference(arm, arm)).toMatchObject({
      difference: 0,
      verdict: 'no_clear_difference',
      membersNeeded: null,
    })
  })

  it('reports a clear drop as lower', () => {
    const result = meanDifference({ members: 100, sum: 0, sumsq: 0 }, { members: 100, sum: 200, sumsq: 400 + 99 })
    expect(result.verdict).toBe('lower')
    expect(result.difference).toBe(-2)
  })

  it('needs at least 30 members even for a huge effect', () => {
    expect(membersNeeded(100, 1)).toBe(30)
    expect(membersNeeded(0, 4)).toBeNull()
  })
})

describe('report tables as CSV', () => {
  const table = {
    columns: [
      { key: 'item', label: '商品', unit: 'text' as const },
      { key: 'fen', label: '金额(元)', unit: 'fen' as const },
      { key: 'n', label: '次数', unit: 'count' as const },
    ],
    rows: [
      { item: '保温杯, 大号 "红"', fen: 123_456, n: 3 },
      { item: '=HYPERLINK("x")', fen: -5, n: null },
    ],
  }

  it('starts with the BOM, a header of labels, CRLF rows, yuan for fen, quotes and defused formulas', () => {
    const csv = csvOfTable(table)
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.slice(1).split('\r\n')).toEqual([
      '商品,金额(元),次数',
      '"保温杯, 大号 ""红""",1234.56,3',
      `"'=HYPERLINK(""x"")",-0.05,`,
      '',
    ])
  })
})
