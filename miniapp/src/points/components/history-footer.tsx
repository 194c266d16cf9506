import { Text, View } from '@tarojs/components'
import { pointsSelectors, usePointsStore, type HistoryType } from '../points.store'
import './history-footer.css'

/**
 * The end of the list: a spinner while the next page loads, a retry when it failed, a tap target while more
 * pages exist (a short first page never reaches the bottom by scrolling), or the end.
 */
export function HistoryFooter({ type }: { type: HistoryType }) {
  const loadingMore = usePointsStore((s) => pointsSelectors.isLoadingMore(s, type))
  const hasMore = usePointsStore((s) => pointsSelectors.hasMore(s, type))
  const failed = usePointsStore((s) => s.histories[type].error !== null && s.histories[type].pending === null)
  const loadMoreHistory = usePointsStore((s) => s.loadMoreHistory)

  if (loadingMore) {
    return (
      <View className='history-footer' aria-busy='true'>
        <View className='history-footer__spinner' />
        <Text>加载中…</Text>
      </View>
    )
  }
  if (hasMore) {
    return (
      <View className={`history-footer${failed ? ' history-footer--failed' : ''}`} onClick={() => void loadMoreHistory(type)}>
        <Text>{failed ? '加载失败，点击重试' : '上拉加载更多'}</Text>
      </View>
    )
  }
  return (
    <View className='history-footer history-footer--end'>
      <View className='history-footer__rule' />
      <Text>没有更多了</Text>
      <View className='history-footer__rule' />
    </View>
  )
}
