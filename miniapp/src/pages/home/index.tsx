import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { MeResponse } from '@mc/shared'
import { ErrorState } from '../../components/error-state'
import { LegalUpdatePrompt } from '../../legal/legal-update-prompt'
import { MemberShortcuts } from '../../components/member-shortcuts'
import { TabBar } from '../../components/tab-bar'
import { GrowthNotes } from '../../membership/components/growth-notes'
import { HomeSkeleton } from '../../membership/components/home-skeleton'
import { TierCard } from '../../membership/components/tier-card'
import { TierLadder } from '../../membership/components/tier-ladder'
import { useMembershipStore } from '../../membership/membership.store'
import { useCouponsStore } from '../../coupons/coupons.store'
import { useSignInStore } from '../../sign-in/sign-in.store'
import { routes } from '../../routes'
import { useMemberSession } from '../../session/use-member-session'
import '../../components/page-shell/index.css'
import { HomeSignIn } from './home-sign-in'
import { HomeStats } from './home-stats'
import './index.css'
import { openPage } from '../../open-page'

const toastId = 'home-toast'

export default function HomePage() {
  const me = useMembershipStore((s) => s.me)
  const error = useMembershipStore((s) => s.error)
  const loadMe = useMembershipStore((s) => s.loadMe)
  useMemberSession(() => void loadMe(), [loadMe])

  useEffect(() => {
    if (error?.code === 'MEMBER_NOT_JOINED') void Taro.redirectTo({ url: routes.join })
    // With a card already on screen a failed refresh only needs a hint, not the full error state.
    else if (error && me) Toast.show(toastId, { content: error.message })
  }, [error, me])

  // Back from a coupon claim, a redemption or the calendar, the strip and the sign-in card show what changed.
  useDidShow(() => {
    if (useMembershipStore.getState().session === null) return
    void useCouponsStore.getState().loadAvailableCount()
    void useSignInStore.getState().loadCalendar()
  })

  usePullDownRefresh(() => {
    void Promise.all([loadMe(), useCouponsStore.getState().loadAvailableCount()]).finally(() =>
      Taro.stopPullDownRefresh(),
    )
  })

  return (
    <View className='page-shell home'>
      <Toast id={toastId} />
      {me === null ? <HomePlaceholder /> : <MemberHome me={me} />}
      <TabBar current='home' />
      {me === null ? null : <LegalUpdatePrompt />}
    </View>
  )
}

/** Until /api/me arrives: the skeleton, or the failure with a retry (not joined yet goes to join instead). */
function HomePlaceholder() {
  const error = useMembershipStore((s) => s.error)
  const retrying = useMembershipStore((s) => s.pending === 'me')
  if (!error || error.code === 'MEMBER_NOT_JOINED') return <HomeSkeleton />
  return (
    <ErrorState
      message={error.message}
      retrying={retrying}
      onRetry={() => void useMembershipStore.getState().loadMe()}
    />
  )
}

/** The member's card, what they hold, today's sign-in, the shortcuts and the tier ladder (logout is under 我的). */
function MemberHome({ me }: { me: MeResponse }) {
  return (
    <>
      <TierCard me={me} />
      <HomeStats points={me.points} />
      <HomeSignIn />
      <MemberShortcuts />
      <GrowthNotes me={me} />
      <View className='home__section'>
        <View className='home__section-head'>
          <Text className='home__section-title'>会员等级</Text>
          <Text className='home__section-link' onClick={() => void openPage(routes.tiers)}>
            查看等级权益 ›
          </Text>
        </View>
        <TierLadder tiers={me.tiers} current={me.tier} growth={me.growth} />
      </View>
    </>
  )
}
