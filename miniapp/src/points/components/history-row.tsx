import { Text, View } from '@tarojs/components'
import type { HistoryEntry } from '@mc/shared'
import { shanghaiDateTime } from '../../format'
import { balanceAfterText, kindMark, signedAmountText } from '../history-copy'
import type { HistoryType } from '../points.store'
import '../../components/page-shell/index.css'
import './history-row.css'

/** One ledger entry: why it happened, when (Asia/Shanghai), the signed change and the balance after it. */
export interface HistoryRowProps {
  type: HistoryType
  entry: HistoryEntry
}

export function HistoryRow({ type, entry }: HistoryRowProps) {
  const tone = entry.amount > 0 ? 'in' : 'out'
  return (
    <View className={`card-row history-row history-row--${tone}`}>
      <Text className='history-row__mark' aria-hidden>
        {kindMark(entry.kind, entry.kindLabel)}
      </Text>
      <View className='history-row__main'>
        <Text className='history-row__reason'>{entry.reason}</Text>
        <Text className='history-row__time'>{shanghaiDateTime(entry.occurredAt)}</Text>
      </View>
      <View className='history-row__figures'>
        <Text className='history-row__amount'>{signedAmountText(type, entry.amount)}</Text>
        <Text className='history-row__balance'>{balanceAfterText(type, entry.balanceAfter)}</Text>
      </View>
    </View>
  )
}
