import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { AdminOutletJoin, AdminOutletView } from '@mc/shared'
import { failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { Field } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'
import { useOutletQr } from './use-outlet-qr'

export type PosterSize = 'A5' | 'A6'

const brandKey = 'mc.poster-brand'
const defaultBrand = '会员中心'

/** The one line under the code: what to do with it, by the kind of code it is. */
export function callToJoin(qrKind: AdminOutletJoin['qrKind'] | null): string {
  return qrKind === 'weapp' ? '微信扫一扫，立即加入会员' : '扫码加入会员，积分好礼等你来'
}

/**
 * A store's printable join poster (A5 or A6): the brand, the store's name, its join code and a one-line call to
 * join. On screen it is a scaled preview; printing (H5) puts only the poster on the page, at its paper size.
 */
export function OutletPoster({ outlet, onClose }: { outlet: AdminOutletView; onClose: () => void }) {
  const [size, setSize] = useState<PosterSize>('A5')
  const [brand, setBrand] = useState<string>(() => String(Taro.getStorageSync(brandKey) || defaultBrand))
  const [join, setJoin] = useState<AdminOutletJoin | null>(null)
  const [joinError, setJoinError] = useState<string | null>(null)
  const qr = useOutletQr(outlet.id)

  // Opened from a row far down the list, the poster would otherwise appear out of sight above (the page keys
  // this panel by store, so it mounts again for another one).
  useEffect(() => {
    void Taro.pageScrollTo({ selector: '.outlet-poster-panel', duration: 200 }).catch(() => undefined)
  }, [])

  useEffect(() => {
    consoleCall((api) => api.admin.outlets[':outletId'].join.$get({ param: { outletId: outlet.id } }))
      .then(setJoin)
      .catch((error) => setJoinError(failureOf(error).message))
  }, [outlet.id])

  const changeBrand = (value: string) => {
    setBrand(value)
    Taro.setStorageSync(brandKey, value)
  }

  return (
    <View className='console-card outlet-poster-panel' data-testid='outlet-poster-panel'>
      <View className='console-card__head'>
        <Text className='console-card__title'>入会海报 · {outlet.name}</Text>
        <ConsoleButton size='small' onClick={onClose}>
          关闭
        </ConsoleButton>
      </View>
      <View className='outlet-poster-panel__body'>
        <View className='outlet-poster-panel__controls'>
          <Field label='纸张大小' hint='A5 为 148×210 mm，A6 为 105×148 mm'>
            <View className='console-chips'>
              {(['A5', 'A6'] as PosterSize[]).map((option) => (
                <Chip
                  key={option}
                  on={size === option}
                  testId={`poster-size-${option}`}
                  onClick={() => setSize(option)}
                >
                  {option}
                </Chip>
              ))}
            </View>
          </Field>
          <Field label='品牌名称' hint='印在海报顶部，本机记住'>
            <Input
              className='console-input'
              maxlength={20}
              value={brand}
              onInput={(e) => changeBrand(e.detail.value)}
            />
          </Field>
          {joinError ? <View className='console-notice console-notice--error'>{joinError}</View> : null}
          {process.env.TARO_ENV === 'h5' ? (
            <ConsoleButton kind='primary' testId='poster-print' onClick={() => printPoster(size)}>
              打印海报
            </ConsoleButton>
          ) : (
            <Text className='console-muted'>请在电脑浏览器中打开商家后台打印海报</Text>
          )}
        </View>
        <View className={`outlet-poster outlet-poster--${size.toLowerCase()}`} data-testid='outlet-poster'>
          <Text className='outlet-poster__brand'>{brand.trim() || defaultBrand}</Text>
          <Text className='outlet-poster__store'>{outlet.name}</Text>
          <View className='outlet-poster__qr'>
            {qr.src ? (
              <Image className='outlet-poster__qr-image' src={qr.src} mode='aspectFit' />
            ) : (
              <Text className='outlet-poster__qr-missing'>{qr.error ?? '二维码加载中…'}</Text>
            )}
          </View>
          <Text className='outlet-poster__call'>{callToJoin(join?.qrKind ?? null)}</Text>
          <Text className='outlet-poster__foot'>入会即享积分、等级权益与会员专属好礼</Text>
        </View>
      </View>
    </View>
  )
}

/** Prints the poster alone at its paper size: the @page size is set for this print only. */
function printPoster(size: PosterSize) {
  const style = document.createElement('style')
  style.textContent = `@page { size: ${size} portrait; margin: 0; }`
  document.head.appendChild(style)
  document.documentElement.classList.add(`mc-print-${size.toLowerCase()}`)
  window.print()
  style.remove()
  document.documentElement.classList.remove(`mc-print-${size.toLowerCase()}`)
}
