import { Area, Axis, Chart, Interval, Legend, Line, jsx } from '@antv/f2'
import type { BarRow } from './grouped-bars'

// F2's component classes are generic, which its own `jsx` signature does not accept; the props are checked by F2.
const node = jsx as unknown as (type: unknown, props: object) => ReturnType<typeof jsx>

/** The kinds of series chart the console draws (a heat table is a table, not a chart). */
export type SeriesKind = 'stacked_area' | 'line' | 'bar' | 'grouped_bar' | 'stacked_bar' | 'pie'

/** The palette of the insights charts: tiers and series in a fixed order, so one tier keeps its colour. */
export const seriesPalette = ['#07c160', '#1d6fd8', '#d46b08', '#8e44ad', '#e5484d', '#13a8a8', '#86909c', '#fadb14']

/**
 * The F2 element tree of a chart of `kind` over long rows (category, series, value), built with F2's own `jsx`
 * so the app's React JSX is never mixed with F2's. A category axis with many days shows only a few of their
 * labels (`tickCount`), so a year of days stays readable on a phone.
 */
export function seriesChart(asked: SeriesKind, rows: BarRow[], width: number, colors: string[] = seriesPalette) {
  if (asked === 'pie') return pieChart(rows, colors)
  const categories = new Set(rows.map((row) => row.category)).size
  const kind = drawnKind(asked, categories)
  // Bars of many categories lie on their side, so each label has a line of its own on the left.
  const sideways = isSideways(kind, categories)
  const manyCategories = !sideways && categories > 8
  const shownLabels = manyCategories ? 4 : Math.max(1, categories)
  // About 11 px per CJK character at font size 11: a label longer than its share of the width is cut.
  const maxChars = sideways ? 8 : Math.max(3, Math.floor(width / shownLabels / 12))
  const color = ['series', colors]
  const geometry = (() => {
    switch (kind) {
      case 'stacked_area':
        return [
          node(Area, { x: 'category', y: 'value', color, adjust: 'stack' }),
          node(Line, { x: 'category', y: 'value', color, adjust: 'stack', style: { lineWidth: 1 } }),
        ]
      case 'line':
        return [node(Line, { x: 'category', y: 'value', color, style: { lineWidth: 2 } })]
      case 'stacked_bar':
        return [node(Interval, { x: 'category', y: 'value', color, adjust: 'stack' })]
      default:
        return [node(Interval, { x: 'category', y: 'value', color, adjust: 'dodge' })]
    }
  })()
  return node(Chart, {
    data: rows,
    coord: sideways ? { transposed: true } : undefined,
    scale: {
      value: { min: 0, nice: true },
      category: {
        type: 'cat',
        tickCount: manyCategories ? 4 : undefined,
        range: kind.endsWith('area') ? [0, 1] : undefined,
      },
    },
    children: [
      // Sizes as numbers are CSS pixels; F2's theme gives '20px' strings, which it halves, too small to read.
      node(Legend, { position: 'top', nameStyle: { fontSize: 12 } }),
      node(Axis, {
        field: 'category',
        style: {
          label: (text: string, index: number, total: number) => ({
            fontSize: 11,
            text: axisLabel(text, maxChars),
            align: manyCategories ? (index === 0 ? 'start' : index === total - 1 ? 'end' : 'center') : undefined,
          }),
        },
      }),
      node(Axis, { field: 'value', style: { label: { fontSize: 11 } } }),
      ...geometry,
    ],
  })
}

/**
 * The kind actually drawn: a line or area over a single category (a campaign's one day) has no second point to
 * join and would draw nothing, so it is drawn as bars of the same values.
 */
export function drawnKind(kind: SeriesKind, categories: number): SeriesKind {
  if (categories > 1) return kind
  if (kind === 'line') return 'grouped_bar'
  if (kind === 'stacked_area') return 'stacked_bar'
  return kind
}

/** A pie: one slice per category of the first series, labelled by the legend. */
function pieChart(rows: BarRow[], colors: string[]) {
  const first = rows[0]?.series
  const slices = rows.filter((row) => row.series === first).map((row) => ({ ...row, whole: '1' }))
  return node(Chart, {
    data: slices,
    coord: { type: 'polar', transposed: true, radius: 0.85 },
    scale: {},
    children: [
      node(Legend, { position: 'right', nameStyle: { fontSize: 12 } }),
      node(Interval, { x: 'whole', y: 'value', adjust: 'stack', color: ['category', colors] }),
    ],
  })
}

/** An x-axis label that fits: a day as MM-DD, anything longer than `maxChars` cut with an ellipsis. */
export function axisLabel(text: string, maxChars: number): string {
  const day = /^\d{4}-(\d{2}-\d{2})$/.exec(text)
  if (day) return day[1]
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text
}

/**
 * Whether a bar chart of `categories` is drawn sideways. Not yet: F2's transposed bars drew nothing on a phone's
 * 2× canvas in the browser tests, so bars stay upright with shortened labels until that is understood.
 */
export function isSideways(_kind: SeriesKind, _categories: number): boolean {
  return false
}
