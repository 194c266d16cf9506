import { Text, View } from '@tarojs/components'
import type { ReportTable } from '@mc/shared'
import { formatValue, heatShade } from './insights-copy'

/**
 * A table whose number cells are shaded by size (the tier migration matrix): the first column labels the rows,
 * every other numeric column is a cell. Scrolls sideways inside its card on a narrow phone, never the page.
 */
export function HeatTable({ table }: { table: ReportTable }) {
  const [label, ...cells] = table.columns
  // Totals would set the scale and wash out every other cell, so they stay unshaded.
  const shaded = cells.filter((column) => column.unit !== 'percent' && !isTotal(column))
  const max = Math.max(
    0,
    ...table.rows.flatMap((row) =>
      shaded.map((column) => (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0)),
    ),
  )
  return (
    <View className='insights-heat' data-testid={`heat-${table.key}`}>
      <View className='insights-heat__grid' {...({ role: 'table' } as object)}>
        <View className='insights-heat__row' {...({ role: 'row' } as object)}>
          <Text className='insights-heat__corner' {...({ role: 'columnheader' } as object)}>
            {label?.label ?? ''}
          </Text>
          {cells.map((column) => (
            <Text key={column.key} className='insights-heat__head' {...({ role: 'columnheader' } as object)}>
              {column.label}
            </Text>
          ))}
        </View>
        {table.rows.map((row, index) => (
          <View
            key={String(row[label?.key ?? ''] ?? index)}
            className='insights-heat__row'
            {...({ role: 'row' } as object)}
          >
            <Text className='insights-heat__label' {...({ role: 'rowheader' } as object)}>
              {formatValue(row[label?.key ?? ''] ?? null, label?.unit ?? 'text')}
            </Text>
            {cells.map((column) => {
              const value = row[column.key] ?? null
              const shade = typeof value === 'number' && shaded.includes(column) ? heatShade(value, max) : undefined
              return (
                <Text
                  key={column.key}
                  className='insights-heat__cell'
                  style={shade ? { background: shade } : undefined}
                  {...({ role: 'cell' } as object)}
                >
                  {formatValue(value, column.unit)}
                </Text>
              )
            })}
          </View>
        ))}
      </View>
    </View>
  )
}

/** A column of row totals (合计, 期初人数): not part of the heat scale. */
function isTotal(column: ReportTable['columns'][number]): boolean {
  return /total|sum/i.test(column.key) || /合计|总计|期初人数/.test(column.label)
}
