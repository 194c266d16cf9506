import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState } from '../../../components/error-state'
import { historyRoute } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { HomeSkeleton } from '../../components/home-skeleton'
import { TierCards } from '../../components/tier-cards'
import { TierPosition } from '../../components/tier-position'
import { TierRetain } from '../../components/tier-retain'
import { useMembershipStore } from '../../membership.store'
import '../../../components/page-shell/index.css'
import './index.css'
import { openPage } from '../../../open-page'

/** Every tier with its benefits side by side, where the member stands on the ladder, and what keeps their tier. */
export default function TiersPage() {
  const me = useMembershipStore((s) => s.me)
  const loadingMe = useMembershipStore((s) => s.pending === 'me')
  const error = useMembershipStore((s) => s.error)
  const loadMe = useMembershipStore((s) => s.loadMe)

  // Home has usually loaded /api/me already; fetch again anyway so the standing is current.
  useMemberSession(() => void loadMe(), [loadMe])

  usePullDownRefresh(() => {
    void loadMe().finally(() => Taro.stopPullDownRefresh())
  })

  if (me === null) {
    return (
      <View className='page-shell tiers tiers--padded'>
        {error && !loadingMe ? <ErrorState message={error.message} onRetry={() => void loadMe()} /> : <HomeSkeleton />}
      </View>
    )
  }

  return (
    <View className='page-shell tiers'>
      <View className='tiers__position'>
        <TierPosition me={me} />
      </View>
      <View className='split-row tiers__section-head'>
        <Text className='tiers__section-title'>等级权益</Text>
        <Text className='tiers__section-hint'>左右滑动查看全部 {me.tiers.length} 个等级</Text>
      </View>
      <TierCards me={me} />
      <TierRetain me={me} />
      <View className='tiers__more' onClick={() => void openPage(historyRoute('growth'))}>
        <Text>查看成长值明细 ›</Text>
      </View>
    </View>
  )
}
