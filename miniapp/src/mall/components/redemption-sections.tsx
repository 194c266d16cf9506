import { Text, View } from '@tarojs/components'
import { shanghaiDateTime, yuanFromFen } from '../../format'
import { routes } from '../../routes'
import { groupOrderNo, type RedemptionView } from '@mc/shared'
import { countdownText, groupCouponCode, redemptionTimeRows, secondsUntil, shownStatus } from '../mall-copy'
import { mallSelectors, useMallStore } from '../mall.store'
import { useNow } from '../use-now'
import { RedeemedItem } from './redeemed-item'
import './redemption-sections.css'
import { openPage } from '../../open-page'

/** The top of a redemption's page: its status in the colour of its tone, a countdown while payment is due. */
export function RedemptionStatusCard({ redemption: r }: { redemption: RedemptionView }) {
  const watching = useMallStore((s) => mallSelectors.isWatching(s, r.id))
  const pending = r.status === 'pending_payment'
  const now = useNow(pending)
  const left = pending && r.paymentExpiresAt ? secondsUntil(r.paymentExpiresAt, now) : null
  const shown = shownStatus(r, Date.now())
  return (
    <View className={`redemption-status redemption-status--${shown.tone}`}>
      <Text className='redemption-status__label' data-testid='redemption-status'>
        {shown.label}
      </Text>
      <Text className='redemption-status__hint'>{watching ? '正在确认支付结果，请稍候…' : shown.hint}</Text>
      {left !== null && (
        <Text className='redemption-status__timer' data-testid='redemption-countdown'>
          {left > 0 ? `剩余支付时间 ${countdownText(left)}` : '支付时间已到，订单即将关闭'}
        </Text>
      )}
    </View>
  )
}

/** What the member gets and what they paid: coupon codes, delivery address and tracking, and the order's facts. */
export function RedemptionInfo({ redemption: r }: { redemption: RedemptionView }) {
  return (
    <>
      {r.status === 'completed' && r.couponCodes.length > 0 && (
        <View className='mall-section'>
          <Text className='mall-section__title'>券码</Text>
          {r.couponCodes.map((code) => (
            <Text key={code} className='redemption-coupon' data-testid='coupon-code' selectable>
              {groupCouponCode(code)}
            </Text>
          ))}
          <Text className='redemption-link' onClick={() => void openPage(routes.benefits)}>
            在「我的权益 · 我的优惠券」中查看 ›
          </Text>
        </View>
      )}
      {r.delivery && (
        <View className='mall-section'>
          <Text className='mall-section__title'>收货信息</Text>
          <View className='redemption-address__who'>
            <Text className='redemption-address__name' data-testid='recipient-name'>
              {r.delivery.name}
            </Text>
            <Text className='redemption-address__phone' data-testid='recipient-phone'>
              {r.delivery.phone}
            </Text>
          </View>
          <Text className='redemption-address__where'>{r.delivery.address}</Text>
        </View>
      )}
      {r.shipment && (
        <View className='mall-section' data-testid='redemption-shipment'>
          <Text className='mall-section__title'>物流信息</Text>
          <Row label='快递公司' value={r.shipment.carrier} />
          <Row label='运单号' value={r.shipment.trackingNo} />
          <Row label='发货时间' value={shanghaiDateTime(r.shipment.shippedAt)} />
        </View>
      )}
      <View className='mall-section'>
        <View className='redemption-item'>
          <RedeemedItem redemption={r} block='redemption-item' />
        </View>
        <Row label='积分' value={`${r.pointsCost} 积分`} accent />
        {r.cashFen > 0 && <Row label='现金' value={yuanFromFen(r.cashFen)} accent />}
        <Row label='兑换单号' value={groupOrderNo(r.orderNo)} testId='redemption-order-no' />
        <Row label='下单时间' value={shanghaiDateTime(r.createdAt)} />
        {redemptionTimeRows(r).map(({ label, at }) => (
          <Row key={label} label={label} value={shanghaiDateTime(at)} />
        ))}
      </View>
    </>
  )
}

interface RowProps {
  label: string
  value: string
  accent?: boolean
  testId?: string
}

function Row({ label, value, accent = false, testId }: RowProps) {
  return (
    <View className='mall-row' data-testid={testId}>
      <Text className='mall-row__label'>{label}</Text>
      <Text className={`mall-row__value${accent ? ' mall-row__value--accent' : ''}`}>{value}</Text>
    </View>
  )
}
