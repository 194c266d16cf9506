import { Text, View } from '@tarojs/components'
import type { WeeklyActions } from '@mc/shared'
import { chineseDate } from '../../format'
import { useConsoleLoad } from '../use-console-load'
import { loadWeeklyActions } from './insights-api'
import { formatValue } from './insights-copy'
import { consoleRouteUrl } from './insights-routes'
import './insights.css'
import { openPage } from '../../open-page'

/**
 * The owner's weekly actions on the console home: a few things to do this week, each with its number and one tap
 * to the members or the report behind it. Says so plainly when the nightly statistics have not run yet.
 */
export function WeeklyActionsCard({ ready }: { ready: boolean }) {
  const { data, failure } = useConsoleLoad<WeeklyActions>(ready, loadWeeklyActions)
  if (failure && failure.code === 'FORBIDDEN') return null
  return (
    <View className='console-card' data-testid='weekly-actions'>
      <View className='console-card__head'>
        <Text className='console-card__title'>本周建议</Text>
        {data?.asOf ? <Text className='console-card__sub'>数据截至 {chineseDate(data.asOf)}</Text> : null}
      </View>
      {failure ? <View className='console-notice console-notice--error'>{failure.message}</View> : null}
      {data === null && !failure ? <View className='console-empty'>加载中…</View> : null}
      {data && data.actions.length === 0 ? (
        <View className='console-empty'>
          {data.asOf ? '本周暂无需要处理的事项' : '还没有统计数据：夜间统计首次运行后即可查看'}
        </View>
      ) : null}
      {data && data.actions.length > 0 ? (
        <View className='insights-actions'>
          {data.actions.map((action) => (
            <View
              key={action.key}
              className='insights-action'
              data-testid={`weekly-action-${action.key}`}
              onClick={() => void openPage(consoleRouteUrl(action.action.route, action.action.query))}
            >
              <Text className='insights-action__figure'>{formatValue(action.figure, action.unit)}</Text>
              <View className='console-form insights-action__body'>
                <Text className='insights-action__text'>{action.text}</Text>
                <Text className='insights-action__go'>{action.action.label} ›</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
