import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { RedemptionView } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { Icon } from '../../../components/icon'
import { WalletGlyph } from '../../../components/icon/glyphs'
import '../../../components/page-shell/index.css'
import { useMembershipStore } from '../../../membership/membership.store'
import { redemptionRoute, routes } from '../../../routes'
import { askForSubscriptions } from '../../../outreach/subscribe'
import { useMemberSession } from '../../../session/use-member-session'
import { CancelDialog } from '../../components/cancel-dialog'
import { RedemptionPlaceholder } from '../../components/mall-placeholders'
import { countdownText, settledCashierText } from '../../mall-copy'
import { yuanFromFen } from '../../../format'
import { mallSelectors, useMallStore } from '../../mall.store'
import { showActionFailure, usePaymentDeadline } from '../../payment-deadline'
import '../../mall-pages.css'
import './index.css'

const toastId = 'pay-toast'

/**
 * The local payment provider's cashier, used in development and the H5 demo: confirming goes through the same
 * payment notice path as WeChat Pay, so the order completes exactly as a real payment would complete it.
 */
function LocalPayPage() {
  const { params } = useRouter()
  const redemptionId = params.id ?? ''
  const redemption = useMallStore((s) => mallSelectors.redemption(s, redemptionId))

  useMemberSession(() => void useMallStore.getState().loadRedemption(redemptionId), [redemptionId])

  return redemption === null ? (
    <RedemptionPlaceholder redemptionId={redemptionId} />
  ) : (
    <Cashier redemption={redemption} />
  )
}

/** A production build has no local cashier: a stale link to it says so and leads on to the order. */
function NoLocalCashier() {
  const { params } = useRouter()
  return (
    <View className='page-shell mall-page cashier'>
      <View className='cashier__card'>
        <Text className='cashier__state'>暂不支持此支付方式</Text>
        <Text className='cashier__points'>请在「我的兑换」中查看订单并完成支付</Text>
      </View>
      <View className='cashier__actions'>
        <ActionButton
          className='cashier__pay'
          type='primary'
          block
          onClick={() => void Taro.redirectTo({ url: redemptionRoute(params.id ?? '') })}
        >
          查看兑换详情
        </ActionButton>
      </View>
    </View>
  )
}

// LOCAL_CASHIER is a build-time constant, so a production build keeps only NoLocalCashier.
export default LOCAL_CASHIER ? LocalPayPage : NoLocalCashier

function Cashier({ redemption }: { redemption: RedemptionView }) {
  const paying = useMallStore((s) => s.action === 'local-pay')
  const cancelling = useMallStore((s) => s.action === 'cancel')
  const [asking, setAsking] = useState(false)
  const pending = redemption.status === 'pending_payment'
  const { left, expired } = usePaymentDeadline(redemption)

  const failed = (fallback: string) => showActionFailure(toastId, redemption.id, fallback)
  const pay = async () => {
    void askForSubscriptions('payment')
    if (await useMallStore.getState().confirmLocalPayment(redemption.id)) {
      void useMembershipStore.getState().loadMe()
      void Taro.redirectTo({ url: redemptionRoute(redemption.id, true) })
    } else failed('支付失败，请重试')
  }
  const cancel = async () => {
    const done = await useMallStore.getState().cancelRedemption(redemption.id)
    setAsking(false)
    if (!done) return failed('取消失败，请重试')
    void useMembershipStore.getState().loadMe()
    void Taro.redirectTo({ url: redemptionRoute(redemption.id) })
  }

  if (!pending || expired) return <SettledCashier redemption={redemption} />
  return (
    <View className='page-shell mall-page cashier'>
      <Toast id={toastId} />
      <View className='cashier__card'>
        <Text className='cashier__label'>需支付</Text>
        <Text className='cashier__amount' data-testid='pay-amount'>
          {yuanFromFen(redemption.cashFen)}
        </Text>
        <Text className='cashier__item'>
          {redemption.itemTitle} × {redemption.quantity}
        </Text>
        <Text className='cashier__points'>另需 {redemption.pointsCost} 积分（已冻结，取消或超时后退回）</Text>
        <View className='cashier__timer' data-testid='pay-countdown'>
          <Text>{left === null ? '请尽快完成支付' : `支付剩余时间 ${countdownText(left)}`}</Text>
        </View>
      </View>
      <LocalPayMethod />
      <View className='cashier__actions'>
        <ActionButton
          className='cashier__pay'
          type='primary'
          block
          data-testid='pay-confirm'
          loading={paying}
          disabled={cancelling}
          onClick={() => void pay()}
        >
          确认支付 {yuanFromFen(redemption.cashFen)}
        </ActionButton>
        <ActionButton
          className='cashier__cancel'
          block
          data-testid='pay-cancel'
          disabled={paying}
          onClick={() => setAsking(true)}
        >
          取消订单
        </ActionButton>
      </View>
      <CancelDialog
        visible={asking}
        cancelling={cancelling}
        onConfirm={() => void cancel()}
        onClose={() => setAsking(false)}
      />
    </View>
  )
}

/**
 * The cashier of an order that no longer waits for money (paid, cancelled, timed out or refunded): what happened
 * to the cash and the points, and the way on, instead of a 需支付 that cannot be acted on.
 */
function SettledCashier({ redemption: r }: { redemption: RedemptionView }) {
  const { title, cash, points } = settledCashierText(r)
  const paid = r.status === 'completed'
  return (
    <View className='page-shell mall-page cashier'>
      <View className={`cashier__card cashier__card--${paid ? 'paid' : 'closed'}`} data-testid='pay-settled'>
        <Text className='cashier__state'>{title}</Text>
        <Text className='cashier__amount cashier__amount--settled' data-testid='pay-amount'>
          {cash}
        </Text>
        <Text className='cashier__item'>
          {r.itemTitle} × {r.quantity}
        </Text>
        <Text className='cashier__points'>{points}</Text>
      </View>
      <View className='cashier__actions'>
        <ActionButton
          className='cashier__pay'
          type='primary'
          block
          data-testid='pay-view-redemption'
          onClick={() => void Taro.redirectTo({ url: redemptionRoute(r.id) })}
        >
          {paid ? '查看兑换详情' : '查看订单'}
        </ActionButton>
        <ActionButton
          className='cashier__cancel'
          block
          data-testid='pay-back-to-mall'
          onClick={() => void Taro.redirectTo({ url: routes.mall })}
        >
          返回积分商城
        </ActionButton>
      </View>
    </View>
  )
}

/** Says plainly that this cashier is the local stand-in for WeChat Pay and moves no real money. */
function LocalPayMethod() {
  return (
    <View className='cashier__method'>
      <View className='cashier__method-head'>
        <View className='cashier__method-icon'>
          <Icon glyph={WalletGlyph} size='s' />
        </View>
        <Text className='cashier__method-name'>本地模拟支付</Text>
        <Text className='cashier__method-tag'>开发 / 演示</Text>
      </View>
      <Text className='cashier__method-note'>
        这是开发与演示环境使用的本地模拟支付，不会产生真实扣款。确认后订单按微信支付成功通知的同一流程完成；正式环境将调起微信支付。
      </Text>
    </View>
  )
}
