import { describe, expect, it } from 'vitest'
import type { Comparison, ReportTable } from '@mc/shared'
import { chartRows, differenceText, formatValue, heatShade, presetRange } from './insights-copy'

describe('insights copy', () => {
  it.each([
    [1280, 'count', '1,280'],
    [124050, 'fen', '¥1,240.50'],
    [-120000, 'fen', '-¥1,200'],
    [12.345, 'percent', '12.3%'],
    [30, 'percent', '30%'],
    [38.5, 'days', '38.5 天'],
    [null, 'count', '—'],
    ['黄金', 'text', '黄金'],
  ] as const)('formats %s as %s → %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text)
  })

  it('ends presets at the latest snapshot day and clips them to the first', () => {
    expect(presetRange('90', '2026-01-01', '2026-12-02')).toEqual({ from: '2026-09-04', to: '2026-12-02' })
    expect(presetRange('365', '2026-06-01', '2026-12-02')).toEqual({ from: '2026-06-01', to: '2026-12-02' })
    expect(presetRange('custom', '2026-06-01', '2026-12-02')).toBeNull()
    expect(presetRange('90', null, null)).toBeNull()
  })

  it('turns a table into long chart rows named by the column labels, skipping empty cells', () => {
    const table: ReportTable = {
      key: 'distribution',
      title: '等级人数',
      columns: [
        { key: 'day', label: '日期', unit: 'text' },
        { key: 'silver', label: '白银', unit: 'count' },
        { key: 'gold', label: '黄金', unit: 'count' },
      ],
      rows: [
        { day: '2026-12-01', silver: 10, gold: 3 },
        { day: '2026-12-02', silver: 11, gold: null },
      ],
      chart: { kind: 'stacked_area', x: 'day', series: ['silver', 'gold'] },
      insufficient: null,
    }
    expect(chartRows(table)).toEqual([
      { category: '2026-12-01', series: '白银', value: 10 },
      { category: '2026-12-01', series: '黄金', value: 3 },
      { category: '2026-12-02', series: '白银', value: 11 },
    ])
  })

  it('writes a difference with its interval in the metric unit', () => {
    const arm = { label: '使用者', members: 40, meanOrders: 2, meanSpendFen: 10000 }
    const comparison: Comparison = {
      key: 'c',
      title: 't',
      windowDays: 30,
      design: 'self_selected',
      treated: arm,
      control: arm,
      metric: 'spend_fen',
      difference: 1250,
      ciLow: -300,
      ciHigh: 2800,
      verdict: 'no_clear_difference',
      membersNeeded: null,
      caveat: null,
    }
    expect(differenceText(comparison)).toBe('+¥12.50（95% 区间 -¥3 ~ ¥28）')
    expect(differenceText({ ...comparison, metric: 'orders', difference: 0.5, ciLow: 0.1, ciHigh: 0.9 })).toBe(
      '+0.5 单（95% 区间 0.1 单 ~ 0.9 单）',
    )
  })

  it('shades heat cells from clear to green', () => {
    expect(heatShade(0, 10)).toBe('rgba(7, 193, 96, 0)')
    expect(heatShade(10, 10)).toBe('rgba(7, 193, 96, 0.850)')
  })
})
