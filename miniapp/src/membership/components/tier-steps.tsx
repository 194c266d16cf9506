import { Text, View } from '@tarojs/components'
import type { TierView } from '@mc/shared'
import { groupThousands } from '../../format'
import { tierPalette } from '../tier-display'
import './tier-steps.css'

/** The tier ladder at a glance: one column per tier with its growth threshold. */
export interface TierStepsProps {
  tiers: readonly TierView[]
}

export function TierSteps({ tiers }: TierStepsProps) {
  return (
    <View className='tier-steps'>
      {tiers.map((tier, index) => (
        <View key={tier.id} className='tier-steps__step'>
          <View className='tier-steps__track'>
            <View className={`tier-steps__line${index === 0 ? ' tier-steps__line--hidden' : ''}`} />
            <View className='tier-steps__dot' style={{ background: tierPalette(tier.color).dot }}>
              <Text>{index + 1}</Text>
            </View>
            <View className={`tier-steps__line${index === tiers.length - 1 ? ' tier-steps__line--hidden' : ''}`} />
          </View>
          <Text className='tier-steps__name'>{tier.name}</Text>
          <Text className='tier-steps__threshold'>
            {tier.threshold === 0 ? '开通即享' : `成长值 ${groupThousands(tier.threshold)}`}
          </Text>
        </View>
      ))}
    </View>
  )
}
