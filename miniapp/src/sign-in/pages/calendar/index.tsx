import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Gift } from '@nutui/icons-react-taro'
import { Dialog, Toast } from '@nutui/nutui-react-taro'
import { chineseMonthDay, type SignInCalendarDay, type SignInCalendarResponse } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { PagePlaceholder } from '../../../components/page-shell'
import { askForSubscriptions, useSubscribePrompts } from '../../../outreach/subscribe'
import { useMemberSession } from '../../../session/use-member-session'
import { groupThousands } from '../../../format'
import { routes } from '../../../routes'
import { SignInCalendar } from '../../components/sign-in-calendar'
import { dayRewards } from '../../day-rewards'
import { dayTapRefusal, makeUpConfirm, nextBonusHint, rewardParts, signInToast } from '../../sign-in-copy'
import { signInSelectors, useSignInStore } from '../../sign-in.store'
import { useDayTurn } from '../../use-day-turn'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'sign-in-toast'
const loadCalendar = () => void useSignInStore.getState().loadCalendar()

export default function SignInPage() {
  const calendar = useSignInStore((s) => s.calendar)
  const [makeUpDay, setMakeUpDay] = useState<string | null>(null)
  useMemberSession(loadCalendar)
  // A page left open past the business day's start, or shown again later, must not keep yesterday's 今日已签到.
  useDayTurn(calendar?.nextDayStartsAt ?? null, calendar, loadCalendar)

  if (calendar === null) return <CalendarPlaceholder />
  return (
    <View className='page-shell sign-in'>
      <Toast id={toastId} />
      <StreakHero calendar={calendar} />
      <MonthSection calendar={calendar} onMakeUp={setMakeUpDay} />
      <TasksLink />
      <SignInRules calendar={calendar} />
      <MakeUpDialog day={makeUpDay} makeUp={calendar.makeUp} onClose={() => setMakeUpDay(null)} />
    </View>
  )
}

/** The page frame until the month arrives: the failure with a retry, or 加载中…. */
function CalendarPlaceholder() {
  const retrying = useSignInStore((s) => s.pending === 'calendar')
  const failure = useSignInStore((s) => s.error?.message ?? null)
  return (
    <PagePlaceholder
      className='sign-in'
      loadingClassName='sign-in__loading'
      failure={failure}
      retrying={retrying}
      onRetry={loadCalendar}
    >
      <Toast id={toastId} />
    </PagePlaceholder>
  )
}

/** The streak so far, the next bonus, the big 签到 button and what today's sign-in brings. */
function StreakHero({ calendar }: { calendar: SignInCalendarResponse }) {
  const pending = useSignInStore((s) => s.pending)
  const signedToday = useSignInStore(signInSelectors.signedToday)
  const hint = nextBonusHint(calendar.nextBonus, signedToday)
  useSubscribePrompts('sign_in')
  const signIn = async () => {
    void askForSubscriptions('sign_in')
    const response = await useSignInStore.getState().signIn()
    if (response)
      Toast.show(toastId, { content: signInToast(response.rewards, response.bonus), icon: 'success', duration: 2.5 })
    else Toast.show(toastId, { content: useSignInStore.getState().error?.message ?? '签到失败，请重试', icon: 'fail' })
  }
  return (
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
        {signedToday
          ? `今日已得 ${rewardParts(calendar.today.rewards)}`
          : `今日签到可得 ${rewardParts(calendar.today.rewards)}`}
      </Text>
    </View>
  )
}

/** This month's days, with the make-ups left; tapping a day asks to make it up, or says why it cannot be. */
function MonthSection({ calendar, onMakeUp }: { calendar: SignInCalendarResponse; onMakeUp(day: string): void }) {
  const [year, month] = calendar.month.split('-').map(Number)
  const { makeUp } = calendar
  const rewards = useMemo(() => dayRewards(calendar), [calendar])
  const dayTapped = (day: SignInCalendarDay) => {
    const refusal = dayTapRefusal(day, { today: calendar.today.day, makeUp })
    if (refusal === null) onMakeUp(day.day)
    else Toast.show(toastId, { content: refusal })
  }
  return (
    <View className='sign-in__section'>
      <View className='sign-in__section-head'>
        <Text className='sign-in__section-title'>
          {year}年{month}月
        </Text>
        {makeUp && (
          <Text className='sign-in__section-hint'>
            本月可补签 {makeUp.left}/{makeUp.perMonth} 次
          </Text>
        )}
      </View>
      <SignInCalendar month={calendar.month} days={calendar.days} rewards={rewards} onDayTap={dayTapped} />
      <View className='sign-in__legend'>
        <Text className='sign-in__legend-item'>+N 为连续签到当天可得积分</Text>
        {calendar.bonuses.length > 0 && (
          <View className='sign-in__legend-item'>
            <Gift size={12} color='#e8590c' />
            <Text className='sign-in__legend-text'>连签奖励日</Text>
          </View>
        )}
      </View>
    </View>
  )
}

/** The tasks list: more ways to earn than the daily sign-in. */
function TasksLink() {
  return (
    <View
      className='sign-in__section sign-in__tasks'
      data-testid='sign-in-tasks'
      onClick={() => void openPage(routes.tasks)}
    >
      <View className='sign-in__tasks-text'>
        <Text className='sign-in__section-title'>做任务，赚更多</Text>
        <Text className='sign-in__tasks-hint'>更多赚积分、成长值的方式</Text>
      </View>
      <Text className='sign-in__tasks-go'>去完成 ›</Text>
    </View>
  )
}

/** The program's rules: the cycle, the streak bonuses and what a make-up costs. */
function SignInRules({ calendar }: { calendar: SignInCalendarResponse }) {
  const { makeUp } = calendar
  return (
    <View className='sign-in__section sign-in__rules'>
      <Text className='sign-in__section-title'>签到规则</Text>
      <Text className='sign-in__rule'>每天签到 1 次，{calendar.cycleDays} 天为一个周期，连签奖励：</Text>
      {calendar.bonuses.map((b) => (
        <Text key={b.day} className='sign-in__rule'>
          · 连签第 {b.day} 天额外 {rewardParts(b)}
        </Text>
      ))}
      {makeUp && (
        <Text className='sign-in__rule'>
          · 本月漏签的日期可补签，每次消耗 {groupThousands(makeUp.costPoints)} 积分，每月最多 {makeUp.perMonth} 次
        </Text>
      )}
    </View>
  )
}

/** Asks before a make-up spends points, then makes up `day` and toasts the outcome. */
function MakeUpDialog({
  day,
  makeUp,
  onClose,
}: {
  day: string | null
  makeUp: SignInCalendarResponse['makeUp']
  onClose(): void
}) {
  const confirm = async () => {
    onClose()
    if (!day) return
    const response = await useSignInStore.getState().makeUp(day)
    if (response) Toast.show(toastId, { content: `补签成功 ${rewardParts(response.rewards)}`, icon: 'success' })
    else Toast.show(toastId, { content: useSignInStore.getState().error?.message ?? '补签失败，请重试', icon: 'fail' })
  }
  return (
    <Dialog
      visible={day !== null}
      title='确认补签'
      content={day && makeUp ? makeUpConfirm(chineseMonthDay(day), makeUp.costPoints, makeUp.left) : ''}
      confirmText='确认补签'
      cancelText='取消'
      onConfirm={() => void confirm()}
      onCancel={onClose}
    />
  )
}
