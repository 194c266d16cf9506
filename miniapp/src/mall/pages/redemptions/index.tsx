import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { RedemptionView } from '@mc/shared'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { shanghaiDateTime } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { redemptionRoute, routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { RedeemedItem } from '../../components/redeemed-item'
import { ListFooter } from '../../../components/list-footer'
import { pickupDeadlineText, priceLabel, shownStatus } from '../../mall-copy'
import { mallSelectors, useMallStore } from '../../mall.store'
import '../../../components/page-shell/index.css'
import '../../mall-pages.css'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'redemptions-toast'

/** 我的兑换: every redemption newest first, paged by cursor as the member scrolls; a tap opens its detail. */
export default function RedemptionsPage() {
  const redemptions = useMallStore((s) => s.redemptions)
  const loadingFirst = useMallStore(mallSelectors.redemptionsLoadingFirst)
  const firstFailed = useMallStore(mallSelectors.redemptionsFirstLoadFailed)
  const empty = useMallStore(mallSelectors.redemptionsEmpty)
  const error = useMallStore((s) => s.redemptionsError)
  const loadingMore = useMallStore((s) => s.redemptionsPending === 'more')
  const hasMore = useMallStore(mallSelectors.hasMoreRedemptions)
  const shown = useRef(false)

  useMemberSession(() => void useMallStore.getState().openRedemptions())
  // Back from a detail page, a status may have moved (paid, cancelled, picked up).
  useDidShow(() => {
    if (shown.current && useMembershipStore.getState().session) void useMallStore.getState().refreshRedemptions()
    shown.current = true
  })
  useReachBottom(() => void useMallStore.getState().loadMoreRedemptions())
  usePullDownRefresh(() => {
    void useMallStore
      .getState()
      .refreshRedemptions()
      .then((ok) => {
        Taro.stopPullDownRefresh()
        const s = useMallStore.getState()
        if (!ok && s.redemptionsLoaded && s.redemptionsError)
          Toast.show(toastId, { content: s.redemptionsError.message })
      })
  })

  return (
    <View className='page-shell mall-page redemptions'>
      <Toast id={toastId} />
      {loadingFirst ? (
        <View className='page-shell__loading mall-loading'>
          <Text>加载中…</Text>
        </View>
      ) : firstFailed ? (
        <ErrorState
          message={error?.message ?? '加载失败'}
          onRetry={() => void useMallStore.getState().refreshRedemptions()}
        />
      ) : empty ? (
        <View className='redemptions__empty'>
          <EmptyState description='还没有兑换记录'>
            <Text className='redemptions__empty-link' onClick={() => void Taro.redirectTo({ url: routes.mall })}>
              去积分商城逛逛 ›
            </Text>
          </EmptyState>
        </View>
      ) : (
        <>
          {redemptions.map((r) => (
            <RedemptionRow key={r.id} redemption={r} />
          ))}
          <ListFooter
            loadingMore={loadingMore}
            hasMore={hasMore}
            failed={error !== null}
            onMore={() => void useMallStore.getState().loadMoreRedemptions()}
          />
        </>
      )}
    </View>
  )
}

function RedemptionRow({ redemption: r }: { redemption: RedemptionView }) {
  const deadline = pickupDeadlineText(r, Date.now())
  const status = shownStatus(r, Date.now())
  return (
    <View
      className='redemption-row'
      data-testid={`redemption-row-${r.id}`}
      onClick={() => void openPage(redemptionRoute(r.id))}
    >
      <View className='split-row redemption-row__head'>
        <Text className='redemption-row__time'>{shanghaiDateTime(r.createdAt)}</Text>
        <Text className={`mall-status mall-status--${status.tone}`}>{status.label}</Text>
      </View>
      <View className='redemption-row__body'>
        <RedeemedItem redemption={r} block='redemption-row' clampTitle />
        <Text className='redemption-row__cost'>{priceLabel(r.pointsCost, r.cashFen)}</Text>
      </View>
      {deadline && (
        <Text
          className={`redemption-row__deadline${deadline.expired ? ' redemption-row__deadline--over' : ''}`}
          data-testid={`redemption-deadline-${r.id}`}
        >
          {deadline.text}
        </Text>
      )}
    </View>
  )
}
