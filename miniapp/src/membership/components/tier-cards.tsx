import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { IconTile } from '../../components/icon'
import { benefitKindLooks } from '../../benefits/benefit-face'
import { thresholdText, tierBenefitRows, tierStatus, tierStatusText } from '../tier-rules-copy'
import { tierPalette } from '../tier-display'
import '../../components/page-shell/index.css'
import { TierArt } from './tier-art'
import './tier-cards.css'

/**
 * Every tier as a card, side by side in a horizontal scroller that opens on the member's own tier: name,
 * threshold, where the member stands, and each benefit with its description (新增 where the tier adds it).
 */
export interface TierCardsProps {
  me: Pick<MeResponse, 'tier' | 'growth' | 'tiers'>
}

export function TierCards({ me }: TierCardsProps) {
  const scrollLeft = useScrollToCurrent(me.tiers.findIndex((tier) => tier.id === me.tier.id))
  return (
    <ScrollView className='tier-cards' scrollX scrollLeft={scrollLeft} enhanced showScrollbar={false}>
      <View className='tier-cards__track'>
        {me.tiers.map((tier, index) => {
          const status = tierStatus(tier, me)
          const palette = tierPalette(tier.color)
          return (
            <View
              key={tier.id}
              className={`tier-cards__card tier-cards__card--${status}`}
              aria-current={status === 'current'}
            >
              <View className='tier-cards__head' style={{ background: palette.card }}>
                <TierArt rank={index} />
                <View className='tier-cards__title'>
                  <Text className='tier-cards__name'>{tier.name}</Text>
                  <Text className={`pill tier-cards__status tier-cards__status--${status}`}>
                    {tierStatusText(tier, me)}
                  </Text>
                </View>
                <Text className='tier-cards__threshold'>{thresholdText(tier)}</Text>
              </View>
              <View className='tier-cards__body'>
                <Text className='tier-cards__count'>
                  {tier.benefits.length > 0 ? `专享权益 · ${tier.benefits.length} 项` : '暂无专属权益'}
                </Text>
                {tierBenefitRows(me.tiers, index).map(({ benefit, included, isNew, unlockedBy }) => (
                  <View
                    key={benefit.key}
                    className={`tier-cards__benefit${included ? '' : ' tier-cards__benefit--locked'}`}
                  >
                    <IconTile
                      className='tier-cards__mark'
                      glyph={benefitKindLooks[benefit.kind].glyph}
                      tone={included ? benefitKindLooks[benefit.kind].tone : 'grey'}
                    />
                    <View className='tier-cards__benefit-main'>
                      <View className='tier-cards__benefit-title'>
                        <Text className='tier-cards__benefit-name'>{benefit.name}</Text>
                        {isNew && <Text className='tier-cards__new'>新增</Text>}
                      </View>
                      {included && benefit.description !== '' && (
                        <Text className='tier-cards__benefit-desc'>{benefit.description}</Text>
                      )}
                      {!included && (
                        <Text className='tier-cards__benefit-desc'>
                          {unlockedBy ? `${unlockedBy}可享` : '该等级不含此权益'}
                        </Text>
                      )}
                    </View>
                  </View>
                ))}
              </View>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}

/**
 * Scrolls the cards so the member's own tier is in view. The offset is measured rather than computed, because
 * H5 scales design pixels differently from the mini-program on narrow screens.
 */
function useScrollToCurrent(currentIndex: number): number {
  const [scrollLeft, setScrollLeft] = useState(0)
  useEffect(() => {
    if (currentIndex <= 0) return
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .selectAll('.tier-cards__card')
        .boundingClientRect((rects) => {
          const list = Array.isArray(rects) ? rects : []
          const first = list[0]
          const current = list[currentIndex]
          if (first && current) setScrollLeft(Math.max(0, Math.round(current.left - first.left)))
        })
        .exec()
    })
  }, [currentIndex])
  return scrollLeft
}
