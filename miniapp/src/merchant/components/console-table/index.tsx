import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import '../../console.css'

export interface ConsoleColumn<Row> {
  key: string
  title: string
  render: (row: Row) => ReactNode
  /** The row's headline: on a phone it leads the block without a label. */
  main?: boolean
  /** Right-aligned on a desktop (amounts, row buttons). */
  end?: boolean
}

export interface ConsoleTableProps<Row> {
  columns: ConsoleColumn<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string
  /** Shown instead of the table when there are no rows. */
  empty?: string
  /** `data-testid` of each row, e.g. `(row) => \`operator-${row.id}\``. */
  rowTestId?: (row: Row) => string
}

/** A table on a desktop; on a phone each row is a block of label–value lines, so nothing scrolls sideways. */
export function ConsoleTable<Row>({ columns, rows, rowKey, empty, rowTestId }: ConsoleTableProps<Row>) {
  if (rows.length === 0) return <View className='console-empty'>{empty ?? '暂无数据'}</View>
  return (
    <View className='console-table' {...({ role: 'table' } as object)}>
      <View className='console-table__head' {...({ role: 'row' } as object)}>
        {columns.map((column) => (
          <View
            key={column.key}
            className={`console-table__th ${column.end ? 'console-table__th--end' : ''}`}
            {...({ role: 'columnheader' } as object)}
          >
            {column.title}
          </View>
        ))}
      </View>
      {rows.map((row) => (
        <View
          key={rowKey(row)}
          className='console-table__row'
          data-testid={rowTestId?.(row)}
          {...({ role: 'row' } as object)}
        >
          {columns.map((column) => (
            <View
              key={column.key}
              className={[
                'console-table__cell',
                column.main ? 'console-table__cell--main' : '',
                column.end ? 'console-table__cell--end' : '',
              ].join(' ')}
              {...({ role: 'cell' } as object)}
            >
              <Text className='console-table__cell-label'>{column.title}</Text>
              <View className='console-table__cell-value'>{column.render(row)}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
