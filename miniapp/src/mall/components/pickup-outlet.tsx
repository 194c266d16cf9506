import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PickupOutlet } from '@mc/shared'
import { ClockGlyph, StoreGlyph, SuccessGlyph } from '../../components/icon/glyphs'
import { Icon } from '../../components/icon'
import type { PickupOutletChoice } from '../use-pickup-outlets'
import './pickup-outlet.css'

/** A store's address, opening hours and phone, each only when the merchant filled it in. */
function OutletLines({ outlet }: { outlet: PickupOutlet }) {
  return (
    <>
      {outlet.address && <Text className='pickup-outlet__line'>{outlet.address}</Text>}
      {(outlet.openingHours || outlet.phone) && (
        <View className='pickup-outlet__meta'>
          {outlet.openingHours && (
            <View className='pickup-outlet__hours'>
              <Icon glyph={ClockGlyph} size='s' />
              <Text>{outlet.openingHours}</Text>
            </View>
          )}
          {outlet.phone && <Text className='pickup-outlet__phone'>电话 {outlet.phone}</Text>}
        </View>
      )}
    </>
  )
}

/**
 * Checkout of a pickup item: the store to collect at, preselected when the member has one, and the list of the
 * merchant's stores to change it. The list opens by itself when nothing is chosen yet.
 */
export function PickupOutletPicker({ choice }: { choice: PickupOutletChoice }) {
  const [open, setOpen] = useState(false)
  const { outlets, chosen, loading, error } = choice
  const listing = (open || chosen === null) && outlets.length > 0
  return (
    <View className='mall-section pickup-outlet' data-testid='pickup-picker'>
      <View className='pickup-outlet__head'>
        <Text className='mall-section__title pickup-outlet__title'>自提门店</Text>
        {chosen && outlets.length > 1 && !listing && (
          <Text className='pickup-outlet__change' data-testid='pickup-change' onClick={() => setOpen(true)}>
            更换门店 ›
          </Text>
        )}
      </View>
      {loading && outlets.length === 0 && <Text className='pickup-outlet__note'>正在加载门店…</Text>}
      {error && outlets.length === 0 && (
        <Text className='pickup-outlet__note pickup-outlet__note--error' onClick={choice.reload}>
          {error}，点此重试
        </Text>
      )}
      {!loading && !error && outlets.length === 0 && (
        <Text className='pickup-outlet__note'>兑换后凭取货码到任一门店领取</Text>
      )}
      {chosen && !listing && (
        <View className='pickup-outlet__chosen' data-testid='pickup-chosen'>
          <View className='pickup-outlet__name-row'>
            <Icon glyph={StoreGlyph} size='s' className='pickup-outlet__store-icon' />
            <Text className='pickup-outlet__name'>{chosen.name}</Text>
          </View>
          <OutletLines outlet={chosen} />
        </View>
      )}
      {listing && (
        <View className='pickup-outlet__list' role='radiogroup' aria-label='选择自提门店'>
          {chosen === null && <Text className='pickup-outlet__note'>请选择领取商品的门店</Text>}
          {outlets.map((outlet) => {
            const on = outlet.id === chosen?.id
            return (
              <View
                key={outlet.id}
                className={`pickup-outlet__option${on ? ' pickup-outlet__option--on' : ''}`}
                role='radio'
                aria-checked={on}
                data-testid={`pickup-outlet-${outlet.id}`}
                onClick={() => {
                  choice.choose(outlet.id)
                  setOpen(false)
                }}
              >
                <View className='pickup-outlet__name-row'>
                  <Text className='pickup-outlet__name'>{outlet.name}</Text>
                  {on && <Icon glyph={SuccessGlyph} size='s' className='pickup-outlet__check' />}
                </View>
                <OutletLines outlet={outlet} />
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}

/** The redemption's pickup store with the two things a shopper does with it: call it, or copy its address. */
export function PickupOutletCard({ outlet }: { outlet: PickupOutlet }) {
  return (
    <View className='mall-section pickup-outlet' data-testid='pickup-outlet'>
      <Text className='mall-section__title pickup-outlet__title'>自提门店</Text>
      <View className='pickup-outlet__name-row'>
        <Icon glyph={StoreGlyph} size='s' className='pickup-outlet__store-icon' />
        <Text className='pickup-outlet__name' data-testid='pickup-outlet-name'>
          {outlet.name}
        </Text>
      </View>
      <OutletLines outlet={outlet} />
      {(outlet.phone || outlet.address) && (
        <View className='pickup-outlet__actions'>
          {outlet.phone && (
            <Text
              className='pickup-outlet__action'
              data-testid='pickup-call'
              onClick={() => void Taro.makePhoneCall({ phoneNumber: outlet.phone ?? '' }).catch(() => undefined)}
            >
              拨打电话
            </Text>
          )}
          {outlet.address && (
            <Text
              className='pickup-outlet__action'
              data-testid='pickup-copy-address'
              onClick={() => void Taro.setClipboardData({ data: outlet.address ?? '' }).catch(() => undefined)}
            >
              复制地址
            </Text>
          )}
        </View>
      )}
    </View>
  )
}
