import { Text, View } from '@tarojs/components'
import { Gift } from '@nutui/icons-react-taro'
import type { SignInCalendarDay } from '@mc/shared'
import { dayRewardLabel, dayRewardMark, type DayReward } from '../day-rewards'
import './sign-in-calendar.css'

const weekdays = ['日', '一', '二', '三', '四', '五', '六']

/** Empty cells before the 1st, so each day sits under its weekday (Sunday first, as Chinese calendars print). */
export function leadingBlanks(month: string): number {
  const [year, mon] = month.split('-').map(Number)
  return new Date(Date.UTC(year, mon - 1, 1)).getUTCDay()
}

export interface SignInCalendarProps {
  month: string
  days: SignInCalendarDay[]
  /** What each day from today on gives (see `dayRewards`); days without an entry show their status only. */
  rewards: ReadonlyMap<string, DayReward>
  /** Called for every day tapped: the page asks to make it up, or says why it cannot be. */
  onDayTap(day: SignInCalendarDay): void
}

/**
 * The month grid: ✓ signed, 已补 made up, 补签 on a missed day that can be made up, today ringed, and from today on
 * what each day gives (+5), with a gift on the streak's milestone days; every day tappable.
 */
export function SignInCalendar({ month, days, rewards, onDayTap }: SignInCalendarProps) {
  const blanks = Array.from({ length: leadingBlanks(month) }, (_, i) => i)
  return (
    <View className='sign-cal'>
      <View className='sign-cal__row'>
        {weekdays.map((w) => (
          <Text key={w} className='sign-cal__weekday'>
            {w}
          </Text>
        ))}
      </View>
      <View className='sign-cal__grid'>
        {blanks.map((i) => (
          <View key={`b${i}`} className='sign-cal__cell' />
        ))}
        {days.map((d) => {
          const reward = rewards.get(d.day)
          const modifiers = [
            `sign-cal__cell--${d.status}`,
            d.canMakeUp ? 'sign-cal__cell--can-make-up' : '',
            reward?.milestone ? 'sign-cal__cell--milestone' : '',
          ]
          return (
            <View
              key={d.day}
              data-day={d.day}
              className={['sign-cal__cell', ...modifiers].filter(Boolean).join(' ')}
              aria-label={reward ? dayRewardLabel(d, reward) : undefined}
              onClick={() => onDayTap(d)}
            >
              <View className='sign-cal__dot'>
                <Text className='sign-cal__num'>{Number(d.day.slice(8))}</Text>
                {reward?.milestone && (
                  <View className='sign-cal__gift' aria-hidden>
                    <Gift size={12} color='#e8590c' />
                  </View>
                )}
              </View>
              <Text className='sign-cal__mark'>{reward ? dayRewardMark(reward) : markOf(d)}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}

function markOf(d: SignInCalendarDay): string {
  if (d.status === 'signed') return '✓'
  if (d.status === 'made_up') return '已补'
  if (d.canMakeUp) return '补签'
  if (d.status === 'today') return '今天'
  return ''
}
