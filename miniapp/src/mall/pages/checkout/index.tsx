import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { DeliveryAddress, MallItemView, RedeemBody } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { ErrorState } from '../../../components/error-state'
import { groupThousands } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { mallPayRoute, redemptionRoute, routes } from '../../../routes'
import { DeliveryForm } from '../../components/delivery-form'
import { ItemCover } from '../../components/item-cover'
import { QuantityStepper } from '../../components/quantity-stepper'
import { readLastAddress, saveLastAddress } from '../../last-address'
import { checkDelivery, fulfilmentNotes, fulfilmentTitles, priceLabel, yuanWithCents, type DeliveryCheck, type DeliveryForm as Form } from '../../mall-copy'
import { mallSelectors, useMallStore } from '../../mall.store'
import { payWithWechat } from '../../wechat-pay'
import '../../mall-pages.css'
import './index.css'

const toastId = 'checkout-toast'
const emptyForm: Form = { name: '', phone: '', address: '' }

/** Quantity, the delivery address where needed, the totals, and the confirm button that redeems (and pays). */
export default function CheckoutPage() {
  const { params } = useRouter()
  const itemId = params.id ?? ''
  const session = useMembershipStore((s) => s.session)
  const item = useMallStore((s) => mallSelectors.item(s, itemId))
  const error = useMallStore((s) => s.itemError)
  const pending = useMallStore((s) => s.itemPending === itemId)

  useEffect(() => {
    if (session === null) return void Taro.redirectTo({ url: routes.login })
    // The item page has just fetched it, but availability is checked again at the moment of checkout.
    void useMallStore.getState().loadItem(itemId)
    void useMembershipStore.getState().loadMe()
  }, [session, itemId])

  if (item === null) {
    return (
      <View className='mall-page'>
        {error && !pending ? <ErrorState message={error.message} onRetry={() => void useMallStore.getState().loadItem(itemId)} />
          : <View className='mall-loading'><Text>加载中…</Text></View>}
      </View>
    )
  }
  return <Checkout item={item} />
}

function Checkout({ item }: { item: MallItemView }) {
  const available = useMembershipStore((s) => s.me?.points.available ?? null)
  const memberId = useMembershipStore((s) => s.me?.member.id ?? null)
  const redeeming = useMallStore((s) => s.action === 'redeem')
  const [quantity, setQuantity] = useState(1)
  const [form, setForm] = useState<Form>(emptyForm)
  const [problems, setProblems] = useState<Extract<DeliveryCheck, { ok: false }>['problems']>({})
  const { availability } = item
  const max = availability.redeemable ? availability.maxQuantity : 1
  const count = Math.min(quantity, max)
  const needsAddress = item.fulfilment === 'delivery'

  useEffect(() => {
    const last = memberId && needsAddress ? readLastAddress(memberId) : null
    if (last) setForm((current) => (current === emptyForm ? last : current))
  }, [memberId, needsAddress])

  // A field's problem goes away as soon as the shopper edits that field; the others stay until the next try.
  const edit = (next: Form) => {
    setProblems((current) => Object.fromEntries(Object.entries(current).filter(([key]) => next[key as keyof Form] === form[key as keyof Form])))
    setForm(next)
  }

  const confirm = async () => {
    let delivery: DeliveryAddress | undefined
    if (needsAddress) {
      const check = checkDelivery(form)
      setProblems(check.ok ? {} : check.problems)
      if (!check.ok) return
      delivery = check.address
    }
    const body: RedeemBody = delivery ? { itemId: item.id, quantity: count, delivery } : { itemId: item.id, quantity: count }
    const response = await useMallStore.getState().redeem(body)
    if (!response) {
      const failure = useMallStore.getState().actionError
      return Toast.show(toastId, { content: failure?.message ?? '兑换失败，请重试', icon: 'fail' })
    }
    if (delivery && memberId) saveLastAddress(memberId, delivery)
    void useMembershipStore.getState().loadMe()
    const { redemption, payment } = response
    if (payment?.provider === 'local') return void Taro.redirectTo({ url: mallPayRoute(redemption.id) })
    // WeChat's cashier returns before the payment notice reaches the BFF, so the detail page polls after it.
    const paid = payment?.provider === 'wechat' ? (await payWithWechat(payment)) === 'paid' : false
    void Taro.redirectTo({ url: redemptionRoute(redemption.id, paid) })
  }

  const pointsTotal = item.pointsPrice * count
  const cashTotal = item.cashFen * count
  return (
    <View className='mall-page mall-page--with-bar checkout'>
      <Toast id={toastId} />
      <View className='mall-section checkout__item'>
        <ItemCover image={item.images[0] ?? null} fulfilment={item.fulfilment} size='thumb' />
        <View className='checkout__item-body'>
          <Text className='checkout__item-title'>{item.title}</Text>
          <Text className='checkout__item-kind'>{fulfilmentTitles[item.fulfilment]}</Text>
          <Text className='checkout__item-price'>{priceLabel(item.pointsPrice, item.cashFen)}</Text>
        </View>
      </View>
      {!availability.redeemable && <View className='checkout__blocked' role='alert'><Text>{availability.message}</Text></View>}
      <View className='mall-section'>
        <View className='checkout__quantity'>
          <View className='checkout__quantity-text'>
            <Text className='checkout__quantity-label'>兑换数量</Text>
            {availability.redeemable && <Text className='checkout__quantity-hint'>本次最多可兑 {max} 件</Text>}
          </View>
          <QuantityStepper value={count} max={max} disabled={!availability.redeemable} onChange={setQuantity} />
        </View>
      </View>
      {needsAddress && (
        <View className='mall-section'>
          <Text className='mall-section__title'>收货地址</Text>
          <DeliveryForm value={form} problems={problems} onChange={edit} />
        </View>
      )}
      <View className='mall-section'>
        <View className='mall-row'>
          <Text className='mall-row__label'>积分合计</Text>
          <Text className='mall-row__value mall-row__value--accent' data-testid='checkout-points-total'>{pointsTotal} 积分</Text>
        </View>
        {cashTotal > 0 && (
          <View className='mall-row'>
            <Text className='mall-row__label'>现金合计</Text>
            <Text className='mall-row__value mall-row__value--accent' data-testid='checkout-cash-total'>{yuanWithCents(cashTotal)}</Text>
          </View>
        )}
        <View className='mall-row mall-row--total'>
          <Text className='mall-row__label'>当前可用积分</Text>
          <Text className='mall-row__value'>{available === null ? '--' : groupThousands(available)}</Text>
        </View>
        <View className='mall-row'>
          <Text className='mall-row__label'>兑换后剩余</Text>
          <Text className='mall-row__value' data-testid='checkout-points-after'>{available === null ? '--' : groupThousands(available - pointsTotal)}</Text>
        </View>
      </View>
      <Text className='checkout__note'>{fulfilmentNotes[item.fulfilment]}{cashTotal > 0 ? '现金部分需在下单后限时内支付，超时订单自动取消，积分退回。' : ''}</Text>
      <View className='mall-bar'>
        <View className='mall-bar__summary'>
          <Text className='mall-bar__label'>合计</Text>
          <Text className='mall-bar__total'>{priceLabel(item.pointsPrice, item.cashFen, count)}</Text>
        </View>
        <ActionButton className={`mall-bar__button${availability.redeemable ? '' : ' mall-bar__button--off'}`} type='primary'
          data-testid='checkout-confirm' loading={redeeming}
          disabled={!availability.redeemable} onClick={() => void confirm()}>
          {cashTotal > 0 ? '兑换并支付' : '确认兑换'}
        </ActionButton>
      </View>
    </View>
  )
}
