import { Text, View } from '@tarojs/components'
import { historyTabLabels } from '../history-copy'
import { historyTypes, type HistoryType } from '../points.store'
import './history-tabs.css'

/** The 成长值 / 积分 switch at the top of the history page. */
export interface HistoryTabsProps {
  value: HistoryType
  onChange: (type: HistoryType) => void
}

export function HistoryTabs({ value, onChange }: HistoryTabsProps) {
  return (
    <View className='history-tabs'>
      <View className='history-tabs__track' role='tablist'>
        {historyTypes.map((type) => {
          const selected = type === value
          return (
            <View
              key={type}
              className={`history-tabs__tab${selected ? ' history-tabs__tab--selected' : ''}`}
              role='tab'
              aria-selected={selected}
              onClick={() => onChange(type)}
            >
              <Text>{historyTabLabels[type]}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
