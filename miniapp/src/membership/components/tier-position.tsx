import { Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { groupThousands } from '../../format'
import { ladderPosition, tierStatus } from '../tier-rules-copy'
import { progressSentence, tierPalette } from '../tier-display'
import { TierArt } from './tier-art'
import './tier-face.css'
import './tier-position.css'

/** The member on the ladder: current tier and growth, every tier as a stop, and a 我 marker at their growth. */
export interface TierPositionProps {
  me: Pick<MeResponse, 'tier' | 'growth' | 'tiers' | 'nextTier' | 'growthNeeded'>
}

export function TierPosition({ me }: TierPositionProps) {
  const palette = tierPalette(me.tier.color)
  const position = ladderPosition(me.tiers, me.growth)
  const gaps = Math.max(1, me.tiers.length - 1)
  return (
    <View className='tier-face tier-position' style={{ background: palette.card }}>
      <TierArt rank={me.tiers.findIndex((tier) => tier.id === me.tier.id)} />
      <View className='tier-position__head'>
        <View className='tier-position__who'>
          <Text className='tier-position__caption'>我的等级</Text>
          <Text className='tier-position__tier'>{me.tier.name}</Text>
        </View>
        <View className='tier-position__growth'>
          <Text className='tier-position__caption'>当前成长值</Text>
          <Text className='tier-position__value'>{groupThousands(me.growth)}</Text>
        </View>
      </View>
      <View className='tier-position__ladder'>
        <View className='tier-position__rail'>
          <View className='tier-position__fill' style={{ width: `${position}%` }} />
        </View>
        {me.tiers.map((tier, index) => {
          const status = tierStatus(tier, me)
          return (
            <View
              key={tier.id}
              className={`tier-position__stop tier-position__stop--${status}`}
              style={{ left: `${(index / gaps) * 100}%` }}
            >
              <View className='tier-position__dot' />
              <Text className='tier-position__name'>{tier.name}</Text>
              <Text className='tier-position__threshold'>{groupThousands(tier.threshold)}</Text>
            </View>
          )
        })}
        <View
          className='tier-position__me'
          style={{ left: `${position}%` }}
          aria-label={`我的位置：成长值 ${groupThousands(me.growth)}`}
        >
          <Text className='tier-position__me-bubble'>我</Text>
        </View>
      </View>
      <Text className='tier-position__goal'>{progressSentence(me)}</Text>
    </View>
  )
}
