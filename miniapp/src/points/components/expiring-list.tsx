import { Text, View } from '@tarojs/components'
import { chineseDate, groupThousands } from '../../format'
import { daysLeft, daysLeftText, lapsesSoon, type ExpiringDay } from '../expiry-copy'
import '../../components/page-shell/index.css'
import './expiring-list.css'

/** One line per day on which points lapse: 2027年12月31日 过期 600 积分, with the days left under it. */
export interface ExpiringListProps {
  days: readonly ExpiringDay[]
  now: Date
}

export function ExpiringList({ days, now }: ExpiringListProps) {
  return (
    <View className='expiring-list'>
      {days.map((entry) => {
        const remaining = daysLeft(entry.day, now)
        // Within the days the home card warns about, the countdown turns red; later days are a calm schedule.
        const soon = lapsesSoon(entry.day, now)
        return (
          <View
            key={entry.day}
            className={`card-row expiring-list__row expiring-list__row--${soon ? 'soon' : 'later'}`}
          >
            <View className='expiring-list__date'>
              <Text className='expiring-list__month'>{Number(entry.day.slice(5, 7))}月</Text>
              <Text className='expiring-list__day'>{Number(entry.day.slice(8, 10))}</Text>
            </View>
            <View className='expiring-list__main'>
              <Text className='expiring-list__text'>
                {chineseDate(entry.day)} 过期{' '}
                <Text className='expiring-list__amount'>
                  <Text className='expiring-list__points'>{groupThousands(entry.points)}</Text> 积分
                </Text>
              </Text>
              <Text className='expiring-list__left'>{daysLeftText(remaining)}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
