import { describe, expect, it } from 'vitest'
import { axisLabel, drawnKind } from './series-chart'

describe('drawnKind', () => {
  it('draws a line or area over one category as bars, since one point joins nothing', () => {
    expect(drawnKind('line', 1)).toBe('grouped_bar')
    expect(drawnKind('stacked_area', 1)).toBe('stacked_bar')
    expect(drawnKind('line', 0)).toBe('grouped_bar')
  })

  it('keeps every kind as asked over two categories or more, and bars always', () => {
    for (const kind of ['line', 'stacked_area', 'bar', 'grouped_bar', 'stacked_bar'] as const) {
      expect(drawnKind(kind, 2)).toBe(kind)
    }
    expect(drawnKind('bar', 1)).toBe('bar')
    expect(drawnKind('stacked_bar', 1)).toBe('stacked_bar')
  })
})

describe('axisLabel', () => {
  it('shows a day as MM-DD and cuts a long label with an ellipsis', () => {
    expect(axisLabel('2026-11-18', 4)).toBe('11-18')
    expect(axisLabel('黄金会员重要挽留', 5)).toBe('黄金会员…')
    expect(axisLabel('白银', 5)).toBe('白银')
  })
})
