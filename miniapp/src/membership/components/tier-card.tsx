import { Text, View } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import { groupThousands } from '../../format'
import { historyRoute, routes } from '../../routes'
import { pathsSentence, validUntilText } from '../progress-copy'
import { clampPercent, progressSentence, tierPalette, type TierStanding } from '../tier-display'
import { TierArt } from './tier-art'
import './tier-face.css'
import './tier-card.css'
import { openPage } from '../../open-page'

/**
 * The member's tier card: who they are, their tier badge, growth value, progress to the next tier with the cheapest
 * ways there, and how long the tier lasts. Its colours come from the tier's own colour in the program.
 */
export interface TierCardProps {
  me: TierStanding
}

export function TierCard({ me }: TierCardProps) {
  const palette = tierPalette(me.tier.color)
  const percent = clampPercent(me.percent)
  const { nickname, phoneMasked } = me.member
  const paths = me.nextTier ? pathsSentence(me.paths) : null
  const validUntil = validUntilText(me.validUntil)
  return (
    <View className='tier-face tier-card' style={{ background: palette.card }}>
      <TierArt rank={me.tiers.findIndex((tier) => tier.id === me.tier.id)} />
      <View className='tier-card__head'>
        <View className='tier-card__avatar'>
          <Text>{nickname.slice(0, 1) || '会'}</Text>
        </View>
        <View className='tier-card__who'>
          <Text className='tier-card__nickname'>{nickname}</Text>
          <Text className='tier-card__phone'>{phoneMasked ?? '未绑定手机号'}</Text>
        </View>
        <View
          className='tier-card__badge'
          style={{ background: palette.badgeBackground, color: palette.badgeText }}
          onClick={() => void openPage(routes.tiers)}
        >
          <Text>{me.tier.name}</Text>
          <Text className='tier-card__badge-arrow'>›</Text>
        </View>
      </View>
      <View className='tier-card__growth' onClick={() => void openPage(historyRoute('growth'))}>
        <Text className='tier-card__growth-label'>当前成长值</Text>
        <Text className='tier-card__growth-value'>{groupThousands(me.growth)}</Text>
        <Text className='tier-card__growth-link'>明细 ›</Text>
      </View>
      <Progress
        className='tier-card__bar'
        percent={percent}
        color={palette.bar}
        background='rgba(255, 255, 255, 0.28)'
        strokeWidth='6'
        aria-label={`升级进度 ${percent}%`}
      />
      <View className='tier-card__goal'>
        <Text className='tier-card__goal-text'>{progressSentence(me)}</Text>
        <Text className='tier-card__percent'>{percent}%</Text>
      </View>
      {paths && <Text className='tier-card__paths'>{paths}</Text>}
      {validUntil && (
        <View className='tier-card__foot'>
          <Text className='tier-card__valid'>{validUntil}</Text>
        </View>
      )}
    </View>
  )
}
