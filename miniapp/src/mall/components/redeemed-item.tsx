import { Text, View } from '@tarojs/components'
import type { RedemptionView } from '@mc/shared'
import { ItemCover } from './item-cover'

/** How a list row or a detail page names the parts of a redeemed item. */
export interface RedeemedItemProps {
  redemption: RedemptionView
  /** The caller's class block: the parts are `${block}__main`, `${block}__title` and `${block}__qty`. */
  block: string
  /** Cuts long titles after two lines, where rows must keep one height. */
  clampTitle?: boolean
}

/** A redemption's item: its cover, then its title and the quantity redeemed. */
export function RedeemedItem({ redemption: r, block, clampTitle = false }: RedeemedItemProps) {
  return (
    <>
      <ItemCover image={r.itemImage} fulfilment={r.fulfilment} size='thumb' />
      <View className={`${block}__main`}>
        <Text className={`${clampTitle ? 'clamp-2 ' : ''}${block}__title`}>{r.itemTitle}</Text>
        <Text className={`${block}__qty`}>× {r.quantity}</Text>
      </View>
    </>
  )
}
