import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CouponStatus, CouponView } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { ListFooter } from '../../../components/list-footer'
import { groupCouponCode } from '../../../mall/mall-copy'
import { routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { couponDateText, couponFigure, couponPlaces, couponTabs, couponTitle, emptyTabText } from '../../coupon-copy'
import { useCouponsStore } from '../../coupons.store'
import '../../../components/page-shell/index.css'
import './index.css'
import { openPage } from '../../../open-page'

const isStatus = (value: unknown): value is CouponStatus => couponTabs.some((tab) => tab.status === value)

/** 我的优惠券: the member's coupons under 可使用 / 已使用 / 已过期, each with its terms, validity and where it works. */
export default function CouponWalletPage() {
  const asked = useRouter().params.status
  const [status, setStatus] = useState<CouponStatus>(isStatus(asked) ? asked : 'available')
  const tab = useCouponsStore((s) => s.tabs[status])

  useMemberSession(() => void useCouponsStore.getState().loadTab(status), [status])
  usePullDownRefresh(() => {
    void useCouponsStore
      .getState()
      .loadTab(status)
      .finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void useCouponsStore.getState().loadMore(status))

  return (
    <View className='page-shell coupon-wallet'>
      <View className='coupon-wallet__tabs' role='tablist'>
        {couponTabs.map((t) => (
          <View
            key={t.status}
            role='tab'
            aria-selected={t.status === status}
            className={`coupon-wallet__tab${t.status === status ? ' coupon-wallet__tab--on' : ''}`}
            onClick={() => setStatus(t.status)}
          >
            <Text>{t.label}</Text>
            {t.status === status && tab.loaded && <Text className='coupon-wallet__tab-count'>{tab.total}</Text>}
          </View>
        ))}
      </View>
      <TabBody status={status} />
    </View>
  )
}

function TabBody({ status }: { status: CouponStatus }) {
  const tab = useCouponsStore((s) => s.tabs[status])
  if (!tab.loaded) {
    if (tab.error && tab.pending === false) {
      return <ErrorState message={tab.error.message} onRetry={() => void useCouponsStore.getState().loadTab(status)} />
    }
    return (
      <View className='page-shell__loading'>
        <Text>加载中…</Text>
      </View>
    )
  }
  if (tab.coupons.length === 0) {
    return (
      <EmptyState description={emptyTabText[status]}>
        {status === 'available' && (
          <Text className='coupon-wallet__empty-link' onClick={() => void openPage(routes.benefits)}>
            去领取会员权益 ›
          </Text>
        )}
      </EmptyState>
    )
  }
  return (
    <View className='coupon-wallet__list'>
      {tab.coupons.map((coupon) => (
        <CouponTicket key={coupon.id} coupon={coupon} status={status} />
      ))}
      <ListFooter
        loadingMore={tab.pending === 'more'}
        hasMore={tab.nextCursor !== null}
        failed={tab.error !== null}
        onMore={() => void useCouponsStore.getState().loadMore(status)}
      />
    </View>
  )
}

/** One coupon as a ticket: the value on the stub, the terms, validity and places, and 去使用 while usable. */
function CouponTicket({ coupon, status }: { coupon: CouponView; status: CouponStatus }) {
  const [howOpen, setHowOpen] = useState(false)
  const figure = couponFigure(coupon)
  const places = couponPlaces(coupon)
  const usable = status === 'available'
  return (
    <View className={`coupon-ticket${usable ? '' : ' coupon-ticket--spent'}`} data-testid='coupon-ticket'>
      <View className='coupon-ticket__main'>
        <View className='coupon-ticket__stub'>
          <Text className='coupon-ticket__figure'>
            {figure.currency && <Text className='coupon-ticket__currency'>¥</Text>}
            {figure.amount}
          </Text>
          <Text className='coupon-ticket__stub-note'>{coupon.thresholdFen > 0 ? '满减券' : '无门槛'}</Text>
        </View>
        <View className='coupon-ticket__body'>
          <Text className='coupon-ticket__title'>{couponTitle(coupon)}</Text>
          <Text className='coupon-ticket__name'>{coupon.name}</Text>
          <Text className='coupon-ticket__date'>{couponDateText(coupon, status)}</Text>
          <View className='coupon-ticket__foot'>
            <Text className='coupon-ticket__place'>{places.text}</Text>
            {usable ? (
              <ActionButton
                className='coupon-ticket__use'
                type='primary'
                size='small'
                onClick={() => setHowOpen(!howOpen)}
              >
                {howOpen ? '收起' : '去使用'}
              </ActionButton>
            ) : (
              <Text className='coupon-ticket__stamp'>{status === 'used' ? '已使用' : '已过期'}</Text>
            )}
          </View>
        </View>
      </View>
      {usable && howOpen && <HowToUse coupon={coupon} inStore={places.inStore} />}
    </View>
  )
}

/** Where and how to use it: at a store by the member code, online by choosing it at checkout (its code to copy). */
function HowToUse({ coupon, inStore }: { coupon: CouponView; inStore: boolean }) {
  return (
    <View className='coupon-ticket__how'>
      {inStore && (
        <View className='coupon-ticket__way'>
          <View className='coupon-ticket__way-text'>
            <Text className='coupon-ticket__way-title'>到店使用</Text>
            <Text className='coupon-ticket__way-note'>结账时出示会员码，店员选券抵扣</Text>
          </View>
          <ActionButton size='small' onClick={() => void openPage(routes.memberCode)}>
            出示会员码
          </ActionButton>
        </View>
      )}
      <View className='coupon-ticket__way'>
        <View className='coupon-ticket__way-text'>
          <Text className='coupon-ticket__way-title'>线上商城</Text>
          <Text className='coupon-ticket__way-note'>
            下单结算时选择此券，或填写券码 <Text className='coupon-ticket__code'>{groupCouponCode(coupon.code)}</Text>
          </Text>
        </View>
        <ActionButton size='small' onClick={() => void Taro.setClipboardData({ data: coupon.code })}>
          复制券码
        </ActionButton>
      </View>
    </View>
  )
}
