import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ReportTable } from '@mc/shared'
import { ConsoleButton } from '../components/console-button'
import { SeriesChart, isSideways } from '../components/chart'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { HeatTable } from './heat-table'
import { chartRows, formatValue } from './insights-copy'

type Row = ReportTable['rows'][number]

/**
 * Rows listed before 显示全部: a year of days would otherwise bury the next chart on a phone. Fewer under a
 * chart, which already shows the whole series.
 */
const shortListRows = (table: ReportTable) => (table.chart && table.chart.kind !== 'heat' ? 7 : 12)

export interface ReportTableCardProps {
  table: ReportTable
  /** Downloads this table as CSV; the card shows the button's progress and any failure. */
  onDownload: (table: ReportTable) => Promise<void>
}

/**
 * One table of a report: its chart above it (unless the data is too thin, which it says instead), the numbers as
 * a table (a heat table for the migration matrix), and a CSV download.
 */
export function ReportTableCard({ table, onDownload }: ReportTableCardProps) {
  const [all, setAll] = useState(false)
  const [downloading, setDownloading] = useState(false)
  const rows = useMemo(() => chartRows(table), [table])
  const kind = table.chart?.kind
  const drawable = kind && kind !== 'heat' && table.insufficient === null && rows.length > 0
  const shown = all ? table.rows : table.rows.slice(0, shortListRows(table))
  const download = async () => {
    setDownloading(true)
    try {
      await onDownload(table)
    } finally {
      setDownloading(false)
    }
  }
  return (
    <View className='console-card insights-table' data-testid={`report-table-${table.key}`}>
      <View className='console-card__head'>
        <Text className='console-card__title'>{table.title}</Text>
        <ConsoleButton size='small' loading={downloading} testId={`csv-${table.key}`} onClick={() => void download()}>
          导出 CSV
        </ConsoleButton>
      </View>
      {table.insufficient ? (
        <View className='console-notice insights-table__insufficient' data-testid={`insufficient-${table.key}`}>
          {table.insufficient}
        </View>
      ) : null}
      {drawable && kind ? (
        <SeriesChart
          id={`chart-${table.key}`}
          kind={kind}
          rows={rows}
          height={chartHeight(kind, table.rows.length)}
          testId={`chart-${table.key}`}
        />
      ) : null}
      {kind === 'heat' ? (
        <HeatTable table={table} />
      ) : (
        <ConsoleTable
          columns={columnsOf(table)}
          rows={shown}
          rowKey={(row) => String(table.rows.indexOf(row))}
          empty='这段时间没有数据'
        />
      )}
      {kind !== 'heat' && table.rows.length > shortListRows(table) ? (
        <View className='console-more'>
          <ConsoleButton size='small' kind='link' onClick={() => setAll(!all)}>
            {all ? '收起' : `显示全部 ${table.rows.length} 行`}
          </ConsoleButton>
        </View>
      ) : null}
    </View>
  )
}

/** Sideways bars get a line per category; other charts a fixed height. */
function chartHeight(kind: NonNullable<ReportTable['chart']>['kind'], categories: number): number {
  if (kind === 'pie') return 200
  if (kind !== 'heat' && isSideways(kind, categories)) return Math.min(480, 60 + categories * 32)
  return 240
}

function columnsOf(table: ReportTable): ConsoleColumn<Row>[] {
  return table.columns.map((column, index) => ({
    key: column.key,
    title: column.label,
    main: index === 0,
    end: column.unit !== 'text',
    render: (row: Row) => formatValue(row[column.key] ?? null, column.unit),
  }))
}
