import { Text, View } from '@tarojs/components'
import { groupThousands } from '../../format'
import { useMembershipStore } from '../../membership/membership.store'
import { routes } from '../../routes'
import { expiringSoonText } from '../points-copy'
import type { HistoryType } from '../points.store'
import './history-summary.css'
import { openPage } from '../../open-page'

/**
 * The balance above a history, from the last /api/me: counted growth with the tier, or points with what lapses
 * soon and a way to the expiring page. Renders nothing until /api/me has loaded.
 */
export function HistorySummary({ type }: { type: HistoryType }) {
  const me = useMembershipStore((s) => s.me)
  if (me === null) return null
  if (type === 'growth') {
    return (
      <View className='history-summary history-summary--growth'>
        <View className='history-summary__main'>
          <Text className='history-summary__label'>当前成长值</Text>
          <Text className='history-summary__value'>{groupThousands(me.growth)}</Text>
        </View>
        <View className='history-summary__link' onClick={() => void openPage(routes.tiers)}>
          <Text>{me.tier.name} · 等级权益 ›</Text>
        </View>
      </View>
    )
  }
  const expiring = expiringSoonText(me.points.expiringSoon)
  return (
    <View className='history-summary history-summary--points'>
      <View className='history-summary__main'>
        <Text className='history-summary__label'>当前积分</Text>
        <Text className='history-summary__value'>{groupThousands(me.points.balance)}</Text>
      </View>
      <View className='history-summary__link' onClick={() => void openPage(routes.expiringPoints)}>
        <Text>{expiring ?? '积分有效期'} ›</Text>
      </View>
    </View>
  )
}
