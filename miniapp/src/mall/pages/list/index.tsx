import { useEffect, useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { MallItemView } from '@mc/shared'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { groupThousands } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { historyRoute, mallItemRoute, routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { Icon } from '../../../components/icon'
import { TabBar } from '../../../components/tab-bar'
import { OrderGlyph } from '../../../components/icon/glyphs'
import { ItemCard } from '../../components/item-card'
import { mallSelectors, useMallStore } from '../../mall.store'
import '../../../components/page-shell/index.css'
import '../../mall-pages.css'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'mall-list-toast'

/** 积分商城: the member's spendable points on top, then every item on sale in a two-column grid. */
export default function MallListPage() {
  const error = useMallStore((s) => s.itemsError)
  const shown = useRef(false)
  useMemberSession(() => void refresh())

  useEffect(() => {
    if (error?.code === 'MEMBER_NOT_JOINED') void Taro.redirectTo({ url: routes.join })
  }, [error])

  // Back from a redemption, points and availability have moved; the first show is covered by the guard above.
  useDidShow(() => {
    if (shown.current && useMembershipStore.getState().session) void refresh()
    shown.current = true
  })

  usePullDownRefresh(() => {
    void refresh().then((ok) => {
      Taro.stopPullDownRefresh()
      const failure = useMallStore.getState().itemsError
      if (!ok && failure && useMallStore.getState().itemsLoaded) Toast.show(toastId, { content: failure.message })
    })
  })

  return (
    <View className='page-shell mall-page mall-list'>
      <Toast id={toastId} />
      <BalanceCard />
      <ItemsOnSale />
      <TabBar current='mall' />
    </View>
  )
}

/** The member's points and the items both move with every redemption, so they are fetched together. */
function refresh() {
  void useMembershipStore.getState().loadMe()
  return useMallStore.getState().loadItems()
}

/** The items on sale with their count, or the skeleton, error or empty state while there are none to show. */
function ItemsOnSale() {
  const items = useMallStore((s) => s.items)
  const loaded = useMallStore((s) => s.itemsLoaded)
  const pending = useMallStore((s) => s.itemsPending)
  const error = useMallStore((s) => s.itemsError)
  const empty = useMallStore(mallSelectors.itemsEmpty)
  const open = (item: MallItemView) => void openPage(mallItemRoute(item.id))
  return (
    <>
      <View className='split-row mall-list__head'>
        <Text className='mall-list__title'>积分好礼</Text>
        {loaded && items.length > 0 && <Text className='mall-list__count'>共 {items.length} 件</Text>}
      </View>
      {!loaded ? (
        error ? (
          <ErrorState message={error.message} retrying={pending} onRetry={() => void refresh()} />
        ) : (
          <GridSkeleton />
        )
      ) : empty ? (
        <View className='mall-list__empty'>
          <EmptyState description='商品正在上架中，敬请期待' />
        </View>
      ) : (
        <View className='mall-list__grid'>
          {items.map((item) => (
            <ItemCard key={item.id} item={item} onOpen={open} />
          ))}
        </View>
      )}
    </>
  )
}

function BalanceCard() {
  const available = useMembershipStore((s) => s.me?.points.available ?? null)
  const held = useMembershipStore((s) => s.me?.points.held ?? 0)
  return (
    <View className='mall-balance'>
      <View className='mall-balance__main'>
        <Text className='mall-balance__label'>可用积分</Text>
        <Text className='mall-balance__value' data-testid='mall-balance'>
          {available === null ? '--' : groupThousands(available)}
        </Text>
        <Text className='mall-balance__sub' onClick={() => void openPage(historyRoute('points'))}>
          {held > 0 ? `冻结 ${groupThousands(held)} · ` : ''}积分明细 ›
        </Text>
      </View>
      <View
        className='mall-balance__orders'
        data-testid='mall-my-redemptions'
        onClick={() => void openPage(routes.myRedemptions)}
      >
        <View className='mall-balance__orders-icon'>
          <Icon glyph={OrderGlyph} size='s' />
        </View>
        <Text className='mall-balance__orders-text'>我的兑换</Text>
      </View>
    </View>
  )
}

/** Grey cards in the grid's shape while the first list loads. */
function GridSkeleton() {
  return (
    <View className='mall-list__grid' aria-busy='true'>
      {[0, 1, 2, 3].map((i) => (
        <View key={i} className='mall-list__ghost'>
          <View className='mall-list__ghost-cover' />
          <View className='mall-list__ghost-line' />
          <View className='mall-list__ghost-line mall-list__ghost-line--short' />
        </View>
      ))}
    </View>
  )
}
