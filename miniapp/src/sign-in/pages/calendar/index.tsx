import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Dialog, Toast } from '@nutui/nutui-react-taro'
import { chineseMonthDay } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { ErrorState } from '../../../components/error-state'
import { useMembershipStore } from '../../../membership/membership.store'
import { routes } from '../../../routes'
import { SignInCalendar } from '../../components/sign-in-calendar'
import { makeUpConfirm, nextBonusHint, rewardParts, signInToast } from '../../sign-in-copy'
import { signInSelectors, useSignInStore } from '../../sign-in.store'
import './index.css'

const toastId = 'sign-in-toast'

export default function SignInPage() {
  const session = useMembershipStore((s) => s.session)
  const calendar = useSignInStore((s) => s.calendar)
  const pending = useSignInStore((s) => s.pending)
  const error = useSignInStore((s) => s.error)
  const signedToday = useSignInStore(signInSelectors.signedToday)
  const loadCalendar = useSignInStore((s) => s.loadCalendar)
  const [makeUpDay, setMakeUpDay] = useState<string | null>(null)

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: routes.login })
    else void loadCalendar()
  }, [session, loadCalendar])

  const signIn = async () => {
    const response = await useSignInStore.getState().signIn()
    if (response) Toast.show(toastId, { content: signInToast(response.rewards, response.bonus), icon: 'success', duration: 2.5 })
    else Toast.show(toastId, { content: useSignInStore.getState().error?.message ?? '签到失败，请重试', icon: 'fail' })
  }

  const confirmMakeUp = async () => {
    const day = makeUpDay
    setMakeUpDay(null)
    if (!day) return
    const response = await useSignInStore.getState().makeUp(day)
    if (response) Toast.show(toastId, { content: `补签成功 ${rewardParts(response.rewards)}`, icon: 'success' })
    else Toast.show(toastId, { content: useSignInStore.getState().error?.message ?? '补签失败，请重试', icon: 'fail' })
  }

  if (calendar === null) {
    return (
      <View className='sign-in'>
        <Toast id={toastId} />
        {error ? <ErrorState message={error.message} retrying={pending === 'calendar'} onRetry={() => void loadCalendar()} />
          : <View className='sign-in__loading'><Text>加载中…</Text></View>}
      </View>
    )
  }

  const hint = nextBonusHint(calendar.nextBonus, signedToday)
  const makeUp = calendar.makeUp
  const [year, month] = calendar.month.split('-').map(Number)
  return (
    <View className='sign-in'>
      <Toast id={toastId} />
      <View className='sign-in__hero'>
        <Text className='sign-in__streak-label'>已连续签到</Text>
        <View className='sign-in__streak'>
          <Text className='sign-in__streak-value'>{calendar.streak}</Text>
          <Text className='sign-in__streak-unit'>天</Text>
        </View>
        {hint && <Text className='sign-in__hint'>{hint}</Text>}
        <ActionButton
          className='sign-in__button'
          type='primary'
          block
          disabled={signedToday}
          loading={pending === 'sign-in'}
          onClick={() => void signIn()}
        >
          {signedToday ? '今日已签到' : '签到'}
        </ActionButton>
        <Text className='sign-in__today'>
          {signedToday ? `今日已得 ${rewardParts(calendar.today.rewards)}` : `今日签到可得 ${rewardParts(calendar.today.rewards)}`}
        </Text>
      </View>
      <View className='sign-in__section'>
        <View className='sign-in__section-head'>
          <Text className='sign-in__section-title'>{year}年{month}月</Text>
          {makeUp && <Text className='sign-in__section-hint'>本月可补签 {makeUp.left}/{makeUp.perMonth} 次</Text>}
        </View>
        <SignInCalendar month={calendar.month} days={calendar.days} onMakeUp={setMakeUpDay} />
      </View>
      <View className='sign-in__section sign-in__rules'>
        <Text className='sign-in__section-title'>签到规则</Text>
        <Text className='sign-in__rule'>每天签到 1 次，{calendar.cycleDays} 天为一个周期，连签奖励：</Text>
        {calendar.bonuses.map((b) => (
          <Text key={b.day} className='sign-in__rule'>· 连签第 {b.day} 天额外 {rewardParts(b)}</Text>
        ))}
        {makeUp && <Text className='sign-in__rule'>· 本月漏签的日期可补签，每次消耗 {makeUp.costPoints} 积分，每月最多 {makeUp.perMonth} 次</Text>}
      </View>
      <Dialog
        visible={makeUpDay !== null}
        title='确认补签'
        content={makeUpDay && makeUp ? makeUpConfirm(chineseMonthDay(makeUpDay), makeUp.costPoints, makeUp.left) : ''}
        confirmText='确认补签'
        cancelText='取消'
        onConfirm={() => void confirmMakeUp()}
        onCancel={() => setMakeUpDay(null)}
      />
    </View>
  )
}
