import { Text, View } from '@tarojs/components'
import type { MemberHistoryEntry } from '@mc/shared'
import { shanghaiDateTime, signedThousands } from '../../format'
import { balanceAfterText, entryDetail, entryTitle, kindMark } from '../history-copy'
import type { HistoryType } from '../points.store'
import '../../components/page-shell/index.css'
import './history-row.css'

/**
 * One ledger entry: what the shopper knows it by (线上订单, the store, 每日签到, the item redeemed), when (Asia/Shanghai)
 * with what was paid, the signed change and the balance after it.
 */
export interface HistoryRowProps {
  type: HistoryType
  entry: MemberHistoryEntry
}

export function HistoryRow({ type, entry }: HistoryRowProps) {
  const tone = entry.amount > 0 ? 'in' : 'out'
  const detail = entryDetail(entry)
  return (
    <View className={`card-row history-row history-row--${tone}`}>
      <Text className='history-row__mark' aria-hidden>
        {kindMark(entry.kind, entry.kindLabel)}
      </Text>
      <View className='history-row__main'>
        <Text className='history-row__reason'>{entryTitle(entry)}</Text>
        <Text className='history-row__time'>
          {/* The date and time stay on one line at 320 px; the payment wraps below it as a whole (never between
              实付 and its amount), at the space between them, which is outside both unbreakable pieces. */}
          <Text className='history-row__date'>{shanghaiDateTime(entry.occurredAt)}</Text>
          {detail && ' '}
          {detail && <Text className='history-row__detail'>{`· ${detail}`}</Text>}
        </Text>
      </View>
      <View className='history-row__figures'>
        <Text className='history-row__amount'>{signedThousands(entry.amount)}</Text>
        <Text className='history-row__balance'>{balanceAfterText(type, entry.balanceAfter)}</Text>
      </View>
    </View>
  )
}
