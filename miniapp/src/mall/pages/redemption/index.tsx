import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { RedemptionView } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import '../../../components/page-shell/index.css'
import { useMembershipStore } from '../../../membership/membership.store'
import { useMemberSession } from '../../../session/use-member-session'
import { CancelDialog } from '../../components/cancel-dialog'
import { RedemptionPlaceholder } from '../../components/mall-placeholders'
import { RedemptionInfo, RedemptionStatusCard } from '../../components/redemption-sections'
import { PickupOutletCard } from '../../components/pickup-outlet'
import { PickupCodeCard } from '../../components/pickup-code-card'
import { yuanFromFen } from '../../../format'
import { pickupDeadlineText } from '../../mall-copy'
import { mallSelectors, useMallStore } from '../../mall.store'
import { localCashierMissingText, openLocalCashier } from '../../local-cashier'
import { showActionFailure, usePaymentDeadline } from '../../payment-deadline'
import { payWithWechat, wechatPayOutcomeText } from '../../wechat-pay'
import '../../mall-pages.css'

const toastId = 'redemption-toast'

/**
 * One redemption: its status, what the member gets (pickup code, coupon codes, delivery address) and what was
 * paid. With `watch=1` (back from paying) it polls until the payment notice has settled the order.
 */
export default function RedemptionPage() {
  const { params } = useRouter()
  const redemptionId = params.id ?? ''
  const watch = params.watch === '1'
  const redemption = useMallStore((s) => mallSelectors.redemption(s, redemptionId))

  const loadRedemption = () => useMallStore.getState().loadRedemption(redemptionId)

  // The store's action itself, not the `loadRedemption` closure above, which is new every render: listing that
  // would run the effect (and load again) after every render.
  useMemberSession(() => {
    if (watch) void watchPayment(redemptionId)
    else void useMallStore.getState().loadRedemption(redemptionId)
    return () => useMallStore.getState().watchStopped()
  }, [redemptionId, watch])

  usePullDownRefresh(() => {
    void loadRedemption().finally(() => Taro.stopPullDownRefresh())
  })

  if (redemption === null) {
    return (
      <RedemptionPlaceholder redemptionId={redemptionId}>
        <Toast id={toastId} />
      </RedemptionPlaceholder>
    )
  }
  const pending = redemption.status === 'pending_payment'
  return (
    <View className={`page-shell mall-page${pending ? ' mall-page--with-bar' : ''}`}>
      <Toast id={toastId} />
      <RedemptionStatusCard redemption={redemption} />
      {redemption.status === 'completed' && redemption.fulfilment === 'pickup' && redemption.pickupCode && (
        <PickupCodeCard
          code={redemption.pickupCode}
          pickedUpAt={redemption.pickedUpAt}
          deadline={pickupDeadlineText(redemption, Date.now())}
        />
      )}
      {redemption.pickupOutlet && <PickupOutletCard outlet={redemption.pickupOutlet} />}
      <RedemptionInfo redemption={redemption} />
      {pending && <PendingBar redemption={redemption} />}
    </View>
  )
}

/** Polls until the order leaves 待支付; if it is still waiting afterwards, says so instead of spinning on. */
async function watchPayment(redemptionId: string) {
  const latest = await useMallStore.getState().watchRedemption(redemptionId)
  if (latest?.status === 'pending_payment') {
    Toast.show(toastId, { content: '暂未收到支付结果，请稍后下拉刷新查看', duration: 3 })
  } else if (latest?.status === 'completed') {
    void useMembershipStore.getState().loadMe()
  }
}

function PendingBar({ redemption }: { redemption: RedemptionView }) {
  const requesting = useMallStore((s) => s.action === 'payment')
  const cancelling = useMallStore((s) => s.action === 'cancel')
  const watching = useMallStore((s) => mallSelectors.isWatching(s, redemption.id))
  const [asking, setAsking] = useState(false)
  const { expired } = usePaymentDeadline(redemption)

  const failed = (fallback: string) => showActionFailure(toastId, redemption.id, fallback)
  const pay = async () => {
    const answer = await useMallStore.getState().requestPayment(redemption.id)
    if (!answer) return failed('暂时无法发起支付，请稍后重试')
    const { payment } = answer
    // The cashier page replaces this one and comes back here when done, so the page stack stays short.
    if (payment.provider === 'local') {
      if (!openLocalCashier(redemption.id)) Toast.show(toastId, { content: localCashierMissingText })
      return
    }
    const outcome = await payWithWechat(payment)
    if (outcome === 'paid') void watchPayment(redemption.id)
    else Toast.show(toastId, { content: wechatPayOutcomeText[outcome] })
  }
  const cancel = async () => {
    const done = await useMallStore.getState().cancelRedemption(redemption.id)
    setAsking(false)
    if (!done) return failed('取消失败，请重试')
    void useMembershipStore.getState().loadMe()
    Toast.show(toastId, { content: '订单已取消，积分已退回', icon: 'success' })
  }

  return (
    <View className='mall-bar'>
      <ActionButton
        className='mall-bar__secondary'
        data-testid='redemption-cancel'
        disabled={requesting || watching || expired}
        onClick={() => setAsking(true)}
      >
        取消订单
      </ActionButton>
      <ActionButton
        className={`mall-bar__button mall-bar__button--wide${expired ? ' mall-bar__button--off' : ''}`}
        type='primary'
        data-testid='redemption-pay'
        loading={requesting || watching}
        disabled={cancelling || expired}
        onClick={() => void pay()}
      >
        {watching ? '确认支付结果…' : expired ? '订单已超时' : `去支付 ${yuanFromFen(redemption.cashFen)}`}
      </ActionButton>
      <CancelDialog
        visible={asking}
        cancelling={cancelling}
        onConfirm={() => void cancel()}
        onClose={() => setAsking(false)}
      />
    </View>
  )
}
