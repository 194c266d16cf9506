import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { shanghaiDateTime } from '../../format'
import { qrSvgDataUrl } from '../../member-code/qr-svg'
import { groupPickupCode } from '../mall-copy'
import './pickup-code-card.css'

interface PickupCodeCardProps {
  code: string
  pickedUpAt: string | null
  /** The pickup window (pickupDeadlineText): the day to come by, or that it has passed; null without one. */
  deadline: { expired: boolean; text: string } | null
}

/**
 * The pickup code to show at the till: large digits grouped 3-3-4 and a QR of the same digits for the scanner,
 * with the last day to collect. Once that day is over the code no longer works, so it is dimmed and the card
 * sends the shopper to the store (its card below has the phone).
 */
export function PickupCodeCard({ code, pickedUpAt, deadline }: PickupCodeCardProps) {
  const qr = useMemo(() => qrSvgDataUrl(code), [code])
  const used = pickedUpAt !== null
  const expired = deadline?.expired === true
  return (
    <View className={`pickup-card${used || expired ? ' pickup-card--used' : ''}`}>
      <Text className='pickup-card__title'>取货码</Text>
      <View className='pickup-card__qr-box'>
        <Image className='pickup-card__qr' src={qr} mode='aspectFit' aria-label='取货二维码' />
        {used && (
          <View className='pickup-card__used-mark'>
            <Text>已领取</Text>
          </View>
        )}
      </View>
      <Text className='pickup-card__code' data-testid='pickup-code' data-code={code} aria-label='取货码' selectable>
        {groupPickupCode(code)}
      </Text>
      {deadline && (
        <Text
          className={`pickup-card__deadline${expired ? ' pickup-card__deadline--over' : ''}`}
          data-testid='pickup-deadline'
        >
          {deadline.text}
        </Text>
      )}
      <Text className='pickup-card__note'>
        {pickedUpAt
          ? `已于 ${shanghaiDateTime(pickedUpAt)} 核销领取`
          : expired
            ? '取货码已失效，请联系下方门店处理'
            : '到店后向店员出示此码，核销后即可领取'}
      </Text>
    </View>
  )
}
