import { useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { shanghaiDateTime } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { routes } from '../../../routes'
import { useInboxStore } from '../../inbox.store'
import './index.css'

export default function InboxPage() {
  const session = useMembershipStore((s) => s.session)
  const notifications = useInboxStore((s) => s.notifications)
  const loaded = useInboxStore((s) => s.loaded)
  const pending = useInboxStore((s) => s.pending)
  const error = useInboxStore((s) => s.error)

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: routes.login })
    else void useInboxStore.getState().loadInbox()
  }, [session])
  usePullDownRefresh(() => {
    void useInboxStore.getState().loadInbox().finally(() => Taro.stopPullDownRefresh())
  })

  if (!loaded) {
    return (
      <View className='inbox'>
        {error ? <ErrorState message={error.message} retrying={pending} onRetry={() => void useInboxStore.getState().loadInbox()} />
          : <View className='inbox__loading'><Text>加载中…</Text></View>}
      </View>
    )
  }
  if (notifications.length === 0) return <View className='inbox'><EmptyState description='暂无消息' /></View>
  return (
    <View className='inbox'>
      <View className='inbox__list'>
        {notifications.map((n) => (
          <View key={n.id} className={`inbox__item${n.readAt ? '' : ' inbox__item--unread'}`}
            onClick={() => void useInboxStore.getState().markRead(n.id)}>
            <View className='inbox__head'>
              {!n.readAt && <View className='inbox__dot' aria-label='未读' />}
              <Text className='inbox__title'>{n.title}</Text>
              <Text className='inbox__time'>{shanghaiDateTime(n.createdAt)}</Text>
            </View>
            <Text className='inbox__body'>{n.body}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
