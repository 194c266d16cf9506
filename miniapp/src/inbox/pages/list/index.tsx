import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { NotificationView } from '@mc/shared'
import { EmptyState } from '../../../components/empty-state'
import { ListFooter } from '../../../components/list-footer'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { InboxTypeIcon } from '../../components/inbox-type-icon'
import { categoryOfKind, linkActionOf } from '../../inbox-copy'
import { inboxSelectors, useInboxStore } from '../../inbox.store'
import { linkPlan, pathOf } from '../../notification-link'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'inbox-toast'
const loadInbox = () => useInboxStore.getState().loadInbox()
const loadMore = () => void useInboxStore.getState().loadMoreInbox()

/** Marks the message read and opens the page that acts on it, when it links to one. */
function openNotification(n: NotificationView) {
  void useInboxStore.getState().markRead(n.id)
  const stack = Taro.getCurrentPages().map((p) => p.route ?? '')
  const plan = linkPlan(n.page, stack)
  if (plan.kind === 'back') void Taro.navigateBack({ delta: plan.delta })
  else if (plan.kind === 'navigate') void openPage(plan.url)
  else if (plan.kind === 'redirect') void Taro.redirectTo({ url: plan.url })
}

/** 消息: newest first, paged on by cursor as the member scrolls; a tap marks read and opens the linked page. */
export default function InboxPage() {
  const notifications = useInboxStore((s) => s.notifications)
  const loaded = useInboxStore((s) => s.loaded)
  const firstFailed = useInboxStore(inboxSelectors.firstLoadFailed)
  const error = useInboxStore((s) => s.error)
  const loadingMore = useInboxStore(inboxSelectors.loadingMore)
  const hasMore = useInboxStore(inboxSelectors.hasMore)
  const unread = useInboxStore(inboxSelectors.unreadCount)
  const markingAll = useInboxStore((s) => s.markingAll)
  const markAllRead = async () => {
    if (!(await useInboxStore.getState().markAllRead())) Toast.show(toastId, { content: '操作失败，请稍后重试' })
  }

  useMemberSession(() => void loadInbox())
  useReachBottom(loadMore)
  usePullDownRefresh(() => {
    void loadInbox().finally(() => Taro.stopPullDownRefresh())
  })

  if (!loaded) {
    return (
      <PagePlaceholder
        className='inbox'
        loadingClassName='inbox__loading'
        failure={firstFailed ? (error?.message ?? '加载失败') : null}
        onRetry={() => void loadInbox()}
      />
    )
  }
  return (
    <View className='page-shell inbox'>
      <Toast id={toastId} />
      <View className='inbox__bar'>
        <Text
          className={`inbox__read-all${unread === 0 || markingAll ? ' inbox__read-all--off' : ''}`}
          data-testid='inbox-read-all'
          aria-disabled={unread === 0 || markingAll}
          onClick={() => {
            if (unread > 0 && !markingAll) void markAllRead()
          }}
        >
          {unread > 0 ? `全部已读（${unread}）` : '全部已读'}
        </Text>
        <Text
          className='inbox__settings'
          data-testid='inbox-settings'
          onClick={() => void openPage(routes.inboxSettings)}
        >
          通知设置 ›
        </Text>
      </View>
      {notifications.length === 0 ? (
        <EmptyState description='暂无消息' />
      ) : (
        <>
          <View className='inbox__list'>
            {notifications.map((n) => (
              <NotificationRow key={n.id} notification={n} />
            ))}
          </View>
          <ListFooter loadingMore={loadingMore} hasMore={hasMore} failed={error !== null} onMore={loadMore} />
        </>
      )}
    </View>
  )
}

function NotificationRow({ notification: n }: { notification: NotificationView }) {
  // Only a page the app can open gets a link; the words say what the shopper will do there.
  const linked = linkPlan(n.page, []).kind !== 'none'
  return (
    <View
      className={`inbox__item${n.readAt ? '' : ' inbox__item--unread'}`}
      data-testid={`inbox-item-${n.id}`}
      onClick={() => openNotification(n)}
    >
      <View className='inbox__icon'>
        <InboxTypeIcon category={categoryOfKind(n.kind)} />
        {!n.readAt && <View className='inbox__dot' aria-label='未读' />}
      </View>
      <View className='inbox__main'>
        <View className='inbox__head'>
          <Text className='inbox__title'>{n.title}</Text>
          <Text className='inbox__time'>{shanghaiDateTime(n.createdAt)}</Text>
        </View>
        <Text className='inbox__body'>{n.body}</Text>
        {linked && n.page && <Text className='inbox__go'>{linkActionOf(pathOf(n.page))} ›</Text>}
      </View>
    </View>
  )
}
