import { Text, View } from '@tarojs/components'
import type { PointsSummary } from '@mc/shared'
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
      <View className='points-card__main'>
        <View className='points-card__balance'>
          <Text className='points-card__label'>积分</Text>
          <Text className={`points-card__value${points.balance < 0 ? ' points-card__value--negative' : ''}`}>
            {pointsBalanceText(points.balance)}
          </Text>
        </View>
        {held && <Text className='points-card__held'>{held}</Text>}
      </View>
      {expiring && (
        <View className='points-card__expiring'>
          <Text className='points-card__expiring-text'>{expiring}</Text>
        </View>
      )}
      {debt && (
        <View className='points-card__debt' role='alert'>
          {/* Drawn in CSS: NutUI's icons each add an embedded SVG to the main package. */}
          <Text className='points-card__debt-mark'>!</Text>
          <Text className='points-card__debt-text'>{debt}</Text>
        </View>
      )}
    </View>
  )
}
