import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PointsSummary } from '@mc/shared'
import { AlertNote } from '../../components/alert-note'
import { historyRoute, routes } from '../../routes'
import { debtWarning, expiringSoonText, heldText, pointsBalanceText } from '../points-copy'
import './points-card.css'

/** The member's points at a glance: balance, what lapses soon, and a warning while a clawback debt blocks spending. */
export interface PointsCardProps {
  points: PointsSummary
}

export function PointsCard({ points }: PointsCardProps) {
  const expiring = expiringSoonText(points.expiringSoon)
  const debt = debtWarning(points.debt)
  const held = heldText(points.held, points.available)
  return (
    <View className='points-card'>
      <View className='points-card__main' onClick={() => void Taro.navigateTo({ url: historyRoute('points') })}>
        <View className='points-card__balance'>
          <Text className='points-card__label'>积分</Text>
          <Text className={`points-card__value${points.balance < 0 ? ' points-card__value--negative' : ''}`}>
            {pointsBalanceText(points.balance)}
          </Text>
        </View>
        <View className='points-card__side'>
          {held && <Text className='points-card__held'>{held}</Text>}
          <Text className='points-card__link'>明细 ›</Text>
        </View>
      </View>
      {/* Always there, so the expiry rule and dates stay one tap away even when nothing lapses soon. */}
      <View
        className={`points-card__expiring${expiring ? '' : ' points-card__expiring--none'}`}
        onClick={() => void Taro.navigateTo({ url: routes.expiringPoints })}
      >
        <Text className='points-card__expiring-text'>{expiring ?? '30 天内没有积分过期'}</Text>
        <Text className='points-card__expiring-arrow'>›</Text>
      </View>
      {debt && <AlertNote className='points-card__debt' text={debt} />}
    </View>
  )
}
