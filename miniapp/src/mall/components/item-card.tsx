import { Text, View } from '@tarojs/components'
import type { MallItemView } from '@mc/shared'
import { limitBadge, tierBadge } from '../mall-copy'
import { groupThousands, yuanFromFen } from '../../format'
import { tierTagStyle } from '../tier-tag'
import { ItemCover } from './item-cover'
import '../../components/page-shell/index.css'
import './item-card.css'

/** One item in the list's grid: cover, badges, title and price; greyed with the reason when it can't be redeemed. */
export function ItemCard({ item, onOpen }: { item: MallItemView; onOpen(item: MallItemView): void }) {
  const { availability } = item
  const soldOut = !availability.redeemable && availability.reason === 'sold_out'
  const limit = limitBadge(item.perMemberLimit)
  return (
    <View
      className={`item-card${availability.redeemable ? '' : ' item-card--off'}`}
      data-testid={`mall-item-${item.id}`}
      onClick={() => onOpen(item)}
    >
      <View className='item-card__cover'>
        <ItemCover image={item.images[0] ?? null} fulfilment={item.fulfilment} size='card' />
        {item.minTier && (
          <View className='item-card__tier' style={tierTagStyle(item.minTier.color)} data-testid='item-tier-tag'>
            <Text className='item-card__tier-mark'>会员专享</Text>
            <Text className='item-card__tier-name'>{tierBadge(item.minTier.name)}</Text>
          </View>
        )}
        {soldOut && (
          <View className='item-card__stamp'>
            <Text>已兑完</Text>
          </View>
        )}
      </View>
      <View className='item-card__body'>
        <Text className='clamp-2 item-card__title'>{item.title}</Text>
        <View className='item-card__price'>
          <Text className='item-card__points'>{groupThousands(item.pointsPrice)}</Text>
          <Text className='item-card__unit'>积分</Text>
          {item.cashFen > 0 && <Text className='item-card__cash'>+ {yuanFromFen(item.cashFen)}</Text>}
        </View>
        <View className='item-card__foot'>
          {availability.redeemable ? (
            limit ? (
              <Text className='item-card__tag'>{limit}</Text>
            ) : (
              <Text className='item-card__hint'>剩余 {item.stock} 件</Text>
            )
          ) : (
            <Text className='item-card__reason'>{availability.message}</Text>
          )}
        </View>
      </View>
    </View>
  )
}
