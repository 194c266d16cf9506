import { Text, View } from '@tarojs/components'
import type { Tier, TierView } from '@mc/shared'
import { groupThousands } from '../../format'
import { tierPalette } from '../tier-display'
import '../../components/page-shell/index.css'
import './tier-ladder.css'

/**
 * Every tier with its threshold and benefits. With `current` the member's tier is highlighted, and with `growth`
 * each other tier reads as reached or how far off it is; without them it is the plain ladder a visitor sees.
 */
export interface TierLadderProps {
  tiers: readonly TierView[]
  current?: Tier
  growth?: number
}

export function TierLadder({ tiers, current, growth }: TierLadderProps) {
  return (
    <View className='tier-ladder'>
      {tiers.map((tier) => {
        const isCurrent = tier.id === current?.id
        const reached = growth !== undefined && growth >= tier.threshold
        const benefits = tier.benefits.map((benefit) => benefit.name)
        return (
          <View key={tier.id} className={`tier-ladder__row${isCurrent ? ' tier-ladder__row--current' : ''}`}>
            <View className='tier-ladder__dot' style={{ background: tierPalette(tier.color).dot }} />
            <View className='tier-ladder__main'>
              <View className='tier-ladder__title'>
                <Text className='tier-ladder__name'>{tier.name}</Text>
                <Text className='tier-ladder__threshold'>
                  {tier.threshold === 0 ? '开通即享' : `成长值满 ${groupThousands(tier.threshold)}`}
                </Text>
              </View>
              {benefits.length > 0 && (
                <View className='tier-ladder__benefits'>
                  {benefits.map((name) => (
                    <Text key={name} className='tier-ladder__benefit'>
                      {name}
                    </Text>
                  ))}
                </View>
              )}
            </View>
            {isCurrent && <Text className='pill tier-ladder__tag tier-ladder__tag--current'>当前等级</Text>}
            {!isCurrent && reached && <Text className='pill tier-ladder__tag'>已达成</Text>}
            {!isCurrent && !reached && growth !== undefined && (
              <Text className='pill tier-ladder__tag tier-ladder__tag--locked'>
                差 {groupThousands(tier.threshold - growth)}
              </Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
