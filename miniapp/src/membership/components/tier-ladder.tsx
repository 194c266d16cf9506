import { Text, View } from '@tarojs/components'
import type { Tier } from '@mc/shared'
import { tierTone } from '../tier-display'
import './tier-ladder.css'

/** Every tier with its threshold; `current` is highlighted, and `growth` (when known) marks reached tiers. */
export interface TierLadderProps {
  tiers: readonly Tier[]
  current?: Tier
  growth?: number
}

export function TierLadder({ tiers, current, growth }: TierLadderProps) {
  return (
    <View className='tier-ladder'>
      {tiers.map((tier) => {
        const isCurrent = tier.id === current?.id
        const reached = growth !== undefined && growth >= tier.threshold
        return (
          <View key={tier.id} className={`tier-ladder__row${isCurrent ? ' tier-ladder__row--current' : ''}`}>
            <View className={`tier-ladder__dot tier-ladder__dot--${tierTone(tiers, tier)}`} />
            <View className='tier-ladder__main'>
              <Text className='tier-ladder__name'>{tier.name}</Text>
              <Text className='tier-ladder__threshold'>
                {tier.threshold === 0 ? '开通即享' : `成长值满 ${tier.threshold}`}
              </Text>
            </View>
            {isCurrent && <Text className='tier-ladder__tag tier-ladder__tag--current'>当前等级</Text>}
            {!isCurrent && reached && <Text className='tier-ladder__tag'>已达成</Text>}
            {!isCurrent && !reached && growth !== undefined && (
              <Text className='tier-ladder__tag tier-ladder__tag--locked'>差 {tier.threshold - growth}</Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
