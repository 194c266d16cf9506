import { useRef } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MallItemView } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { groupThousands, yuanFromFen } from '../../../format'
import '../../../components/page-shell/index.css'
import { useMembershipStore } from '../../../membership/membership.store'
import { mallCheckoutRoute } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { ItemCover } from '../../components/item-cover'
import { ItemPlaceholder } from '../../components/mall-placeholders'
import {
  activePeriodText,
  couponSpecText,
  fulfilmentNote,
  fulfilmentTitles,
  limitBadge,
  priceLabel,
  stockText,
  tierBadge,
} from '../../mall-copy'
import { mallSelectors, useMallStore } from '../../mall.store'
import { tierTagStyle } from '../../tier-tag'
import '../../mall-pages.css'
import './index.css'
import { openPage } from '../../../open-page'

/** One item: what it is, what it costs, who may redeem it and how it arrives, with the redeem button at the bottom. */
export default function MallItemPage() {
  const { params } = useRouter()
  const itemId = params.id ?? ''
  const item = useMallStore((s) => mallSelectors.item(s, itemId))
  const shown = useRef(false)
  const loadItem = () => void useMallStore.getState().loadItem(itemId)

  useMemberSession(loadItem, [itemId])
  useDidShow(() => {
    if (shown.current && useMembershipStore.getState().session) loadItem()
    shown.current = true
  })

  if (item === null) return <ItemPlaceholder itemId={itemId} />
  return (
    <View className='page-shell mall-page mall-page--with-bar mall-item'>
      <ItemCover className='mall-item__cover' image={item.images[0] ?? null} fulfilment={item.fulfilment} size='hero' />
      <View className='mall-item__head'>
        <View className='mall-item__price'>
          <Text className='mall-item__points'>{groupThousands(item.pointsPrice)}</Text>
          <Text className='mall-item__unit'>积分</Text>
          {item.cashFen > 0 && <Text className='mall-item__cash'>+ {yuanFromFen(item.cashFen)}</Text>}
        </View>
        <Text className='mall-item__title'>{item.title}</Text>
        <View className='mall-item__badges'>
          {item.minTier && (
            <Text className='mall-item__badge mall-item__badge--tier' style={tierTagStyle(item.minTier.color)}>
              会员专享 · {tierBadge(item.minTier.name)}
            </Text>
          )}
          <Text className='mall-item__badge'>{fulfilmentTitles[item.fulfilment]}</Text>
          {item.perMemberLimit !== null && <Text className='mall-item__badge'>{limitBadge(item.perMemberLimit)}</Text>}
        </View>
      </View>
      <ItemFacts item={item} />
      <View className='mall-section'>
        <Text className='mall-section__title'>兑换说明</Text>
        {item.coupon && (
          <Text className='mall-item__coupon'>
            {item.coupon.name}：{couponSpecText(item.coupon)}
          </Text>
        )}
        <Text className='mall-section__text'>{fulfilmentNote(item)}</Text>
      </View>
      {item.description.trim() !== '' && (
        <View className='mall-section'>
          <Text className='mall-section__title'>商品详情</Text>
          <Text className='mall-section__text'>{item.description}</Text>
        </View>
      )}
      <RedeemBar item={item} />
    </View>
  )
}

function ItemFacts({ item }: { item: MallItemView }) {
  const limit = item.perMemberLimit === null ? '不限' : `每人 ${item.perMemberLimit} 件（已兑 ${item.redeemedByMe} 件）`
  return (
    <View className='mall-section'>
      <View className='mall-row'>
        <Text className='mall-row__label'>库存</Text>
        <Text className='mall-row__value'>{stockText(item.stock)}</Text>
      </View>
      <View className='mall-row'>
        <Text className='mall-row__label'>限兑</Text>
        <Text className='mall-row__value'>{limit}</Text>
      </View>
      <View className='mall-row'>
        <Text className='mall-row__label'>兑换时间</Text>
        <Text className='mall-row__value'>{activePeriodText(item.activeFrom, item.activeUntil)}</Text>
      </View>
      <View className='mall-row'>
        <Text className='mall-row__label'>兑换资格</Text>
        <Text className='mall-row__value'>{item.minTier ? `${item.minTier.name}及以上` : '全部会员'}</Text>
      </View>
    </View>
  )
}

function RedeemBar({ item }: { item: MallItemView }) {
  const { availability } = item
  return (
    <View className='mall-bar'>
      <View className='mall-bar__summary'>
        <Text className='mall-bar__label'>兑换所需</Text>
        <Text className='mall-bar__total'>{priceLabel(item.pointsPrice, item.cashFen)}</Text>
      </View>
      <ActionButton
        className={`mall-bar__button${availability.redeemable ? '' : ' mall-bar__button--off'}`}
        type='primary'
        data-testid='redeem-button'
        disabled={!availability.redeemable}
        onClick={() => void openPage(mallCheckoutRoute(item.id))}
      >
        {availability.redeemable ? '立即兑换' : availability.message}
      </ActionButton>
    </View>
  )
}
