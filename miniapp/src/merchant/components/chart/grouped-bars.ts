import { Axis, Chart, Interval, Legend, jsx } from '@antv/f2'

// F2's component classes are generic, which its own `jsx` signature does not accept; the props are checked by F2.
const node = jsx as unknown as (type: unknown, props: object) => ReturnType<typeof jsx>

/** One bar: `value` of `series` in `category` (e.g. 120 members of 银卡 in "预测"). */
export interface BarRow {
  category: string
  series: string
  value: number
}

/**
 * The F2 element tree of a grouped bar chart, built with F2's own `jsx` function so the app's React JSX is never
 * mixed with F2's. Bars of one category stand side by side (dodge), each series in its colour, legend on top.
 */
export function groupedBars(rows: BarRow[], colors: string[]) {
  return node(Chart, {
    data: rows,
    scale: { value: { min: 0, nice: true } },
    children: [
      // Sizes as numbers are CSS pixels; F2's theme gives '20px' strings, which it halves, too small to read.
      node(Legend, { position: 'top', nameStyle: { fontSize: 12 } }),
      node(Axis, { field: 'category', style: { label: { fontSize: 12 } } }),
      node(Axis, { field: 'value', style: { label: { fontSize: 11 } } }),
      node(Interval, { x: 'category', y: 'value', color: ['series', colors], adjust: 'dodge' }),
    ],
  })
}
