import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDateTime } from '../../../format'
import { useMemberSession } from '../../../session/use-member-session'
import { useInboxStore } from '../../inbox.store'
import './index.css'

const loadInbox = () => useInboxStore.getState().loadInbox()

export default function InboxPage() {
  const notifications = useInboxStore((s) => s.notifications)
  const loaded = useInboxStore((s) => s.loaded)
  const pending = useInboxStore((s) => s.pending)
  const error = useInboxStore((s) => s.error)

  useMemberSession(() => void loadInbox())
  usePullDownRefresh(() => {
    void loadInbox().finally(() => Taro.stopPullDownRefresh())
  })

  if (!loaded) {
    return (
      <PagePlaceholder
        className='inbox'
        loadingClassName='inbox__loading'
        failure={error?.message ?? null}
        retrying={pending}
        onRetry={() => void loadInbox()}
      />
    )
  }
  if (notifications.length === 0)
    return (
      <View className='page-shell inbox'>
        <EmptyState description='暂无消息' />
      </View>
    )
  return (
    <View className='page-shell inbox'>
      <View className='inbox__list'>
        {notifications.map((n) => (
          <View
            key={n.id}
            className={`inbox__item${n.readAt ? '' : ' inbox__item--unread'}`}
            onClick={() => void useInboxStore.getState().markRead(n.id)}
          >
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
