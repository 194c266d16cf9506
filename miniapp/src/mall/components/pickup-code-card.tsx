import { useMemo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { shanghaiDateTime } from '../../format'
import { qrSvgDataUrl } from '../../member-code/qr-svg'
import { groupPickupCode } from '../mall-copy'
import './pickup-code-card.css'

/** The pickup code to show at the till: large digits grouped 3-3-4 and a QR of the same digits for the scanner. */
export function PickupCodeCard({ code, pickedUpAt }: { code: string; pickedUpAt: string | null }) {
  const qr = useMemo(() => qrSvgDataUrl(code), [code])
  const used = pickedUpAt !== null
  return (
    <View className={`pickup-card${used ? ' pickup-card--used' : ''}`}>
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
      <Text className='pickup-card__note'>
        {pickedUpAt ? `已于 ${shanghaiDateTime(pickedUpAt)} 核销领取` : '到店后向店员出示此码，核销后即可领取'}
      </Text>
    </View>
  )
}
