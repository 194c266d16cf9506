import { addDays, type ColumnUnit, type Comparison, type ReportTable } from '@mc/shared'
import { groupThousands } from '../../format'
import type { BarRow } from '../components/chart'

/** A number of a report in its unit: 1,280 · ¥1,240.50 · 12.5% · 38 天; null as an em dash. */
export function formatValue(value: number | string | null | undefined, unit: ColumnUnit): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string' || unit === 'text') return String(value)
  switch (unit) {
    case 'fen':
      return yuanOfFen(value)
    case 'percent':
      return `${trimDecimals(value, 1)}%`
    case 'days':
      return `${trimDecimals(value, 1)} 天`
    default:
      return Number.isInteger(value) ? groupThousands(value) : trimDecimals(value, 2)
  }
}

/** Fen as yuan, signed and with cents only when there are any: -123456 → "-¥1,234.56". */
export function yuanOfFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const total = Math.round(Math.abs(fen))
  const cents = total % 100
  const yuan = groupThousands(Math.floor(total / 100))
  return cents === 0 ? `${sign}¥${yuan}` : `${sign}¥${yuan}.${String(cents).padStart(2, '0')}`
}

function trimDecimals(value: number, digits: number): string {
  const fixed = value.toFixed(digits)
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
  return trimmed.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + groupThousands(Number(whole)))
}

/** The range presets above every report; `custom` opens the two date inputs. */
export const rangePresets = [
  { key: '30', label: '近 30 天', days: 30 },
  { key: '90', label: '近 90 天', days: 90 },
  { key: '365', label: '近一年', days: 365 },
  { key: 'custom', label: '自定义', days: null },
] as const
export type RangePreset = (typeof rangePresets)[number]['key']

/**
 * The inclusive range of a preset ending at the latest snapshot day, clipped to the first day with data; null
 * before the first answer (the server's default range then applies).
 */
export function presetRange(preset: RangePreset, dataFrom: string | null, dataTo: string | null) {
  const days = rangePresets.find((p) => p.key === preset)?.days
  if (!days || !dataTo) return null
  const from = addDays(dataTo, -(days - 1))
  return { from: dataFrom && from < dataFrom ? dataFrom : from, to: dataTo }
}

/** The chart's long rows from a table: one row per (x value, series column) with a number. */
export function chartRows(table: ReportTable): BarRow[] {
  const chart = table.chart
  if (!chart) return []
  const labels = new Map(table.columns.map((column) => [column.key, column.label]))
  return table.rows.flatMap((row) =>
    chart.series
      .filter((key) => typeof row[key] === 'number')
      .map((key) => ({
        category: String(row[chart.x] ?? ''),
        series: labels.get(key) ?? key,
        value: row[key] as number,
      })),
  )
}

export const verdictLabels: Record<Comparison['verdict'], string> = {
  higher: '明显更高',
  lower: '明显更低',
  no_clear_difference: '差异不明显',
  insufficient: '样本不足',
}

/** "+1.20 单（95% 区间 0.40 ~ 2.00）" for orders, the same in ¥ for spend; null parts read as —. */
export function differenceText(comparison: Comparison): string {
  const { difference, ciLow, ciHigh, metric } = comparison
  if (difference === null) return '—'
  const show = (v: number) => (metric === 'spend_fen' ? yuanOfFen(v) : `${trimDecimals(v, 2)} 单`)
  const signed = `${difference > 0 ? '+' : ''}${show(difference)}`
  if (ciLow === null || ciHigh === null) return signed
  return `${signed}（95% 区间 ${show(ciLow)} ~ ${show(ciHigh)}）`
}

/** A heat cell's shade: 0 → white, the table's largest value → the full green, on a square-root scale. */
export function heatShade(value: number, max: number): string {
  if (max <= 0 || value <= 0) return 'rgba(7, 193, 96, 0)'
  const alpha = Math.sqrt(Math.min(1, value / max)) * 0.85
  return `rgba(7, 193, 96, ${alpha.toFixed(3)})`
}
