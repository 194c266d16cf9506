import { Text, View } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import { clampPercent, progressSentence, tierTone, type TierStanding } from '../tier-display'
import './tier-card.css'

/** The member's tier card: who they are, their tier badge, growth value and progress to the next tier. */
export interface TierCardProps {
  me: TierStanding
}

const barColors = {
  grey: 'linear-gradient(90deg, #b8c2d3 0%, #ffffff 100%)',
  silver: 'linear-gradient(90deg, #dfe6ef 0%, #ffffff 100%)',
  gold: 'linear-gradient(90deg, #fff1c9 0%, #ffffff 100%)',
} as const

export function TierCard({ me }: TierCardProps) {
  const tone = tierTone(me.tiers, me.tier)
  const percent = clampPercent(me.percent)
  const { nickname, phoneMasked } = me.member
  return (
    <View className={`tier-card tier-card--${tone}`}>
      <View className='tier-card__head'>
        <View className='tier-card__avatar'>
          <Text>{nickname.slice(0, 1) || '会'}</Text>
        </View>
        <View className='tier-card__who'>
          <Text className='tier-card__nickname'>{nickname}</Text>
          <Text className='tier-card__phone'>{phoneMasked ?? '未绑定手机号'}</Text>
        </View>
        <View className={`tier-card__badge tier-card__badge--${tone}`}>
          <Text>{me.tier.name}</Text>
        </View>
      </View>
      <View className='tier-card__growth'>
        <Text className='tier-card__growth-label'>当前成长值</Text>
        <Text className='tier-card__growth-value'>{me.growth}</Text>
      </View>
      <Progress
        className='tier-card__bar'
        percent={percent}
        color={barColors[tone]}
        background='rgba(255, 255, 255, 0.28)'
        strokeWidth='6'
        aria-label={`升级进度 ${percent}%`}
      />
      <View className='tier-card__goal'>
        <Text className='tier-card__goal-text'>{progressSentence(me)}</Text>
        <Text className='tier-card__percent'>{percent}%</Text>
      </View>
    </View>
  )
}
