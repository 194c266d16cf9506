import { Image, Text, View } from '@tarojs/components'
import type { FulfilmentKind } from '@mc/shared'
import { fulfilmentGlyphs, fulfilmentTitles, imageSrc } from '../mall-copy'
import './item-cover.css'

/** An item's picture: its first image, or a tile in the colour of how it is fulfilled, with 券, 礼 or 店 on it. */
export interface ItemCoverProps {
  image: string | null
  fulfilment: FulfilmentKind
  /** card: the list's grid; hero: the detail page's top; thumb: a small square in rows. */
  size: 'card' | 'hero' | 'thumb'
  className?: string
}

export function ItemCover({ image, fulfilment, size, className = '' }: ItemCoverProps) {
  const classes = `item-cover item-cover--${size} item-cover--${fulfilment} ${className}`
  if (image) {
    return (
      <View className={classes}>
        <Image className='item-cover__image' src={imageSrc(image, API_BASE)} mode='aspectFill' lazyLoad />
      </View>
    )
  }
  return (
    <View className={classes} aria-label={fulfilmentTitles[fulfilment]}>
      <View className='item-cover__ring' />
      <View className='item-cover__glyph'>
        <Text>{fulfilmentGlyphs[fulfilment]}</Text>
      </View>
      {size !== 'thumb' && <Text className='item-cover__caption'>{fulfilmentTitles[fulfilment]}</Text>}
    </View>
  )
}
