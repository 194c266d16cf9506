import { Text, View } from '@tarojs/components'
import type { PointsSummary } from '@mc/shared'
import { AlertNote } from '../../components/alert-note'
import { useCouponsStore } from '../../coupons/coupons.store'
import { groupThousands } from '../../format'
import { debtWarning, expiringSoonText, heldText, pointsBalanceText } from '../../points/points-copy'
import { historyRoute, routes } from '../../routes'
import './home-stats.css'
import { openPage } from '../../open-page'

/**
 * What the member holds, at a glance: 积分 | 优惠券 N 张, each opening its page (points history, the coupon wallet),
 * with what lapses soon and any clawback debt under them. Stored value joins the strip when the product has it.
 */
export interface HomeStatsProps {
  points: PointsSummary
}

export function HomeStats({ points }: HomeStatsProps) {
  const coupons = useCouponsStore((s) => s.availableCount)
  const expiring = expiringSoonText(points.expiringSoon)
  const debt = debtWarning(points.debt)
  const held = heldText(points.held, points.available)
  return (
    <View className='home-stats'>
      <View className='home-stats__cells'>
        <View
          className='home-stats__cell'
          data-testid='home-stats-points'
          onClick={() => void openPage(historyRoute('points'))}
        >
          <Text className={`home-stats__value${points.balance < 0 ? ' home-stats__value--negative' : ''}`}>
            {pointsBalanceText(points.balance)}
          </Text>
          <Text className='home-stats__label'>积分 ›</Text>
        </View>
        <View className='home-stats__divider' />
        <View
          className='home-stats__cell'
          data-testid='home-stats-coupons'
          onClick={() => void openPage(routes.coupons)}
        >
          <Text className='home-stats__value'>
            {coupons === null ? '–' : groupThousands(coupons)}
            <Text className='home-stats__unit'> 张</Text>
          </Text>
          <Text className='home-stats__label'>优惠券 ›</Text>
        </View>
      </View>
      {held && <Text className='home-stats__held'>{held}</Text>}
      {/* Always there, so the expiry rule and dates stay one tap away even when nothing lapses soon. */}
      <View
        className={`home-stats__expiring${expiring ? '' : ' home-stats__expiring--none'}`}
        onClick={() => void openPage(routes.expiringPoints)}
      >
        <Text>{expiring ?? '30 天内没有积分过期'}</Text>
        <Text className='home-stats__arrow'>›</Text>
      </View>
      {debt && <AlertNote className='home-stats__debt' text={debt} />}
    </View>
  )
}
