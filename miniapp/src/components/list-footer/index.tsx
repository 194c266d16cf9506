import { Text, View } from '@tarojs/components'
import './index.css'

/** The end of a paged list: a spinner, a tap to retry or load more (a short page never scrolls), or the end. */
export interface ListFooterProps {
  loadingMore: boolean
  hasMore: boolean
  failed: boolean
  onMore(): void
}

export function ListFooter({ loadingMore, hasMore, failed, onMore }: ListFooterProps) {
  if (loadingMore) {
    return (
      <View className='list-footer' aria-busy='true'>
        <View className='list-footer__spinner' />
        <Text>加载中…</Text>
      </View>
    )
  }
  if (hasMore) {
    return (
      <View className={`list-footer${failed ? ' list-footer--failed' : ''}`} onClick={onMore}>
        <Text>{failed ? '加载失败，点击重试' : '上拉加载更多'}</Text>
      </View>
    )
  }
  return (
    <View className='list-footer'>
      <View className='list-footer__rule' />
      <Text>没有更多了</Text>
      <View className='list-footer__rule' />
    </View>
  )
}
