import { useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import { ErrorState } from '../../components/error-state'
import { MemberShortcuts } from '../../components/member-shortcuts'
import { GrowthNotes } from '../../membership/components/growth-notes'
import { HomeSkeleton } from '../../membership/components/home-skeleton'
import { TierCard } from '../../membership/components/tier-card'
import { TierLadder } from '../../membership/components/tier-ladder'
import { useMembershipStore } from '../../membership/membership.store'
import { PointsCard } from '../../points/components/points-card'
import { routes } from '../../routes'
import './index.css'

const toastId = 'home-toast'

export default function HomePage() {
  const session = useMembershipStore((s) => s.session)
  const me = useMembershipStore((s) => s.me)
  const pending = useMembershipStore((s) => s.pending)
  const error = useMembershipStore((s) => s.error)
  const loadMe = useMembershipStore((s) => s.loadMe)
  const logout = useMembershipStore((s) => s.logout)

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: routes.login })
    else void loadMe()
  }, [session, loadMe])

  useEffect(() => {
    if (error?.code === 'MEMBER_NOT_JOINED') void Taro.redirectTo({ url: routes.join })
    // With a card already on screen a failed refresh only needs a hint, not the full error state.
    else if (error && me) Toast.show(toastId, { content: error.message })
  }, [error, me])

  usePullDownRefresh(() => {
    void loadMe().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='home'>
      <Toast id={toastId} />
      {me === null ? (
        error && error.code !== 'MEMBER_NOT_JOINED' ? (
          <ErrorState message={error.message} retrying={pending === 'me'} onRetry={() => void loadMe()} />
        ) : (
          <HomeSkeleton />
        )
      ) : (
        <>
          <TierCard me={me} />
          <MemberShortcuts />
          <GrowthNotes me={me} />
          <PointsCard points={me.points} />
          <View className='home__section'>
            <View className='home__section-head'>
              <Text className='home__section-title'>会员等级</Text>
              <Text className='home__section-link' onClick={() => void Taro.navigateTo({ url: routes.tiers })}>
                查看等级权益 ›
              </Text>
            </View>
            <TierLadder tiers={me.tiers} current={me.tier} growth={me.growth} />
          </View>
          <View className='home__footer'>
            <ActionButton className='home__logout' block loading={pending === 'logout'} onClick={() => void logout()}>
              退出登录
            </ActionButton>
          </View>
        </>
      )}
    </View>
  )
}
