import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { DeliveryAddress, MallItemView, RedeemBody } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import '../../../components/page-shell/index.css'
import { groupThousands, yuanFromFen } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { redemptionRoute, routes } from '../../../routes'
import { askForSubscriptions, useSubscribePrompts } from '../../../outreach/subscribe'
import { useMemberSession } from '../../../session/use-member-session'
import { DeliveryForm } from '../../components/delivery-form'
import { ItemCover } from '../../components/item-cover'
import { ItemPlaceholder } from '../../components/mall-placeholders'
import { PickupOutletPicker } from '../../components/pickup-outlet'
import { QuantityStepper } from '../../components/quantity-stepper'
import { saveLastAddress } from '../../last-address'
import { localCashierMissingText, openLocalCashier } from '../../local-cashier'
import { fulfilmentNote, fulfilmentTitles, pointsAfterText, priceLabel } from '../../mall-copy'
import { mallSelectors, useMallStore } from '../../mall.store'
import { useDeliveryAddress } from '../../use-delivery-address'
import { usePickupOutlets } from '../../use-pickup-outlets'
import { payWithWechat } from '../../wechat-pay'
import '../../mall-pages.css'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'checkout-toast'

/** Quantity, the delivery address where needed, the totals, and the confirm button that redeems (and pays). */
export default function CheckoutPage() {
  const { params } = useRouter()
  const itemId = params.id ?? ''
  const item = useMallStore((s) => mallSelectors.item(s, itemId))

  useMemberSession(() => {
    // The item page has just fetched it, but availability is checked again at the moment of checkout.
    void useMallStore.getState().loadItem(itemId)
    void useMembershipStore.getState().loadMe()
  }, [itemId])

  return item === null ? <ItemPlaceholder itemId={itemId} /> : <Checkout item={item} />
}

function Checkout({ item }: { item: MallItemView }) {
  const memberId = useMembershipStore((s) => s.me?.member.id ?? null)
  const [quantity, setQuantity] = useState(1)
  const { availability } = item
  const max = availability.redeemable ? availability.maxQuantity : 1
  const count = Math.min(quantity, max)
  const needsAddress = item.fulfilment === 'delivery'
  const delivery = useDeliveryAddress(memberId, needsAddress)
  const pickup = usePickupOutlets(item.fulfilment === 'pickup')
  useSubscribePrompts('redemption', 'payment')

  const confirm = async () => {
    const address = needsAddress ? delivery.checked() : undefined
    if (address === null) return
    // With stores to choose from, one must be chosen; without any, the BFF names none and any store hands over.
    if (item.fulfilment === 'pickup' && pickup.chosen === null && (pickup.loading || pickup.outlets.length > 0)) {
      return Toast.show(toastId, { content: pickup.loading ? '正在加载门店，请稍候' : '请选择自提门店' })
    }
    // An order with cash asks after WeChat's cashier instead, as two sheets cannot be open at once.
    if (item.cashFen === 0) void askForSubscriptions('redemption')
    const body: RedeemBody = { itemId: item.id, quantity: count }
    if (address) body.delivery = address
    if (pickup.chosen) body.pickupOutletId = pickup.chosen.id
    await redeemAndPay(body, memberId)
  }

  const cashTotal = item.cashFen * count
  return (
    <View className='page-shell mall-page mall-page--with-bar checkout'>
      <Toast id={toastId} />
      <CheckoutItem item={item} />
      {!availability.redeemable && (
        <View className='checkout__blocked' role='alert'>
          <Text>{availability.message}</Text>
        </View>
      )}
      <View className='mall-section'>
        <View className='checkout__quantity'>
          <View className='checkout__quantity-text'>
            <Text className='checkout__quantity-label'>兑换数量</Text>
            {availability.redeemable && <Text className='checkout__quantity-hint'>本次最多可兑 {max} 件</Text>}
          </View>
          <QuantityStepper value={count} max={max} disabled={!availability.redeemable} onChange={setQuantity} />
        </View>
      </View>
      {item.fulfilment === 'pickup' && <PickupOutletPicker choice={pickup} />}
      {needsAddress && (
        <View className='mall-section'>
          <Text className='mall-section__title'>收货地址</Text>
          <DeliveryForm value={delivery.form} problems={delivery.problems} onChange={delivery.edit} />
        </View>
      )}
      <CheckoutTotals pointsTotal={item.pointsPrice * count} cashTotal={cashTotal} />
      <Text className='checkout__note'>
        {fulfilmentNote(item)}
        {cashTotal > 0 ? '现金部分需在下单后限时内支付，超时订单自动取消，积分退回。' : ''}
      </Text>
      <CheckoutBar item={item} count={count} onConfirm={() => void confirm()} />
    </View>
  )
}

/**
 * Redeems, remembers a delivery address for next time, and moves on: to the local cashier, or through WeChat's
 * cashier to the detail page. WeChat's cashier returns before the payment notice reaches the BFF, so the detail
 * page polls after it.
 */
async function redeemAndPay(body: RedeemBody & { delivery?: DeliveryAddress }, memberId: string | null) {
  const response = await useMallStore.getState().redeem(body)
  if (!response) {
    const failure = useMallStore.getState().actionError
    return Toast.show(toastId, { content: failure?.message ?? '兑换失败，请重试', icon: 'fail' })
  }
  if (body.delivery && memberId) saveLastAddress(memberId, body.delivery)
  void useMembershipStore.getState().loadMe()
  const { redemption, payment } = response
  if (payment?.provider === 'local') {
    if (openLocalCashier(redemption.id)) return
    Toast.show(toastId, { content: localCashierMissingText })
    return void Taro.redirectTo({ url: redemptionRoute(redemption.id) })
  }
  const paid = payment?.provider === 'wechat' ? (await payWithWechat(payment)) === 'paid' : false
  if (paid) void askForSubscriptions('payment')
  void Taro.redirectTo({ url: redemptionRoute(redemption.id, paid) })
}

/** The item being redeemed: cover, title, how it arrives and its unit price. */
function CheckoutItem({ item }: { item: MallItemView }) {
  return (
    <View className='checkout-item' data-testid='checkout-item'>
      <ItemCover image={item.images[0] ?? null} fulfilment={item.fulfilment} size='thumb' />
      <View className='checkout-item__body'>
        <Text className='checkout-item__title'>{item.title}</Text>
        <Text className='checkout-item__kind'>{fulfilmentTitles[item.fulfilment]}</Text>
        <Text className='checkout-item__price'>{priceLabel(item.pointsPrice, item.cashFen)}</Text>
      </View>
    </View>
  )
}

/** What the order costs, and the member's points before and after it. */
function CheckoutTotals({ pointsTotal, cashTotal }: { pointsTotal: number; cashTotal: number }) {
  const available = useMembershipStore((s) => s.me?.points.available ?? null)
  return (
    <View className='mall-section'>
      <View className='mall-row'>
        <Text className='mall-row__label'>积分合计</Text>
        <Text className='mall-row__value mall-row__value--accent' data-testid='checkout-points-total'>
          {pointsTotal} 积分
        </Text>
      </View>
      {cashTotal > 0 && (
        <View className='mall-row'>
          <Text className='mall-row__label'>现金合计</Text>
          <Text className='mall-row__value mall-row__value--accent' data-testid='checkout-cash-total'>
            {yuanFromFen(cashTotal)}
          </Text>
        </View>
      )}
      <View className='mall-row mall-row--total'>
        <Text className='mall-row__label'>当前可用积分</Text>
        <Text className='mall-row__value'>{available === null ? '--' : groupThousands(available)}</Text>
      </View>
      <PointsAfter available={available} cost={pointsTotal} />
    </View>
  )
}

/**
 * The balance after the order, or, when the points do not reach, how many are missing and where to earn them;
 * a negative "剩余" would leave the shopper to do the sum.
 */
function PointsAfter({ available, cost }: { available: number | null; cost: number }) {
  if (available === null) return null
  const after = pointsAfterText(available, cost)
  if (!after.short) {
    return (
      <View className='mall-row'>
        <Text className='mall-row__label'>兑换后剩余</Text>
        <Text className='mall-row__value' data-testid='checkout-points-after'>
          {after.text}
        </Text>
      </View>
    )
  }
  return (
    <View className='checkout-short' data-testid='checkout-points-short'>
      <View className='mall-row'>
        <Text className='mall-row__label'>积分不足</Text>
        <Text className='mall-row__value checkout-short__value' data-testid='checkout-points-after'>
          {after.text}
        </Text>
      </View>
      <View className='checkout-short__ways'>
        <Text className='checkout-short__link' onClick={() => void openPage(routes.signIn)}>
          去签到赚积分 ›
        </Text>
        <Text className='checkout-short__link' onClick={() => void Taro.redirectTo({ url: routes.mall })}>
          看看其他商品 ›
        </Text>
      </View>
    </View>
  )
}

/** The fixed bottom bar: the order's total price and the confirm button. */
function CheckoutBar({ item, count, onConfirm }: { item: MallItemView; count: number; onConfirm(): void }) {
  const redeeming = useMallStore((s) => s.action === 'redeem')
  const { redeemable } = item.availability
  return (
    <View className='mall-bar'>
      <View className='mall-bar__summary'>
        <Text className='mall-bar__label'>合计</Text>
        <Text className='mall-bar__total'>{priceLabel(item.pointsPrice, item.cashFen, count)}</Text>
      </View>
      <ActionButton
        className={`mall-bar__button${redeemable ? '' : ' mall-bar__button--off'}`}
        type='primary'
        data-testid='checkout-confirm'
        loading={redeeming}
        disabled={!redeemable}
        onClick={onConfirm}
      >
        {item.cashFen * count > 0 ? '兑换并支付' : '确认兑换'}
      </ActionButton>
    </View>
  )
}
