import { Text, View } from '@tarojs/components'
import type { MemberHistoryEntry } from '@mc/shared'
import { groupByMonth } from '../history-copy'
import type { HistoryType } from '../points.store'
import { HistoryRow } from './history-row'
import './history-list.css'

/** Entries newest first, in one card per month (Asia/Shanghai) with the month above it. */
export interface HistoryListProps {
  type: HistoryType
  entries: readonly MemberHistoryEntry[]
}

export function HistoryList({ type, entries }: HistoryListProps) {
  return (
    <View className='history-list'>
      {groupByMonth(entries).map(({ month, entries: rows }) => (
        <View key={month} className='history-list__month'>
          <Text className='history-list__month-title'>{month}</Text>
          <View className='history-list__card'>
            {rows.map((entry) => (
              <HistoryRow key={entry.id} type={type} entry={entry} />
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
