import { Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { retainCopy } from '../tier-rules-copy'
import '../../components/page-shell/index.css'
import './tier-retain.css'

/** What keeps the member's tier and by when (保级); the entry tier simply lasts. */
export interface TierRetainProps {
  me: Pick<MeResponse, 'tier' | 'retain' | 'validUntil' | 'atRiskGrowth'>
}

export function TierRetain({ me }: TierRetainProps) {
  const copy = retainCopy(me)
  return (
    <View className='page-card tier-retain'>
      <Text className='tier-retain__title'>保级规则</Text>
      <View className='tier-retain__headline'>
        <Text className={`row-mark tier-retain__mark tier-retain__mark--${copy.kept ? 'ok' : 'warn'}`}>保</Text>
        <Text className='tier-retain__headline-text'>
          {copy.headline}
          {/* The date stays on one line: a narrow phone breaks before it rather than inside it. */}
          {copy.until && ' '}
          {copy.until && <Text className='tier-retain__until'>{copy.until}</Text>}
        </Text>
      </View>
      {copy.condition && <Text className='tier-retain__condition'>{copy.condition}</Text>}
      {copy.status && (
        <Text className={`tier-retain__status tier-retain__status--${copy.kept ? 'ok' : 'warn'}`}>{copy.status}</Text>
      )}
      {/* Explains a shortfall that looks odd next to a large balance: growth leaving the window before the day. */}
      {copy.atRisk && <Text className='tier-retain__hint'>{copy.atRisk}</Text>}
      <View className='tier-retain__rules'>
        <Text className='tier-retain__rule'>成长值达到更高等级的门槛时立即升级。</Text>
        {copy.condition ? (
          <Text className='tier-retain__rule'>有效期结束时未达到保级门槛的，将按届时的累计成长值重新评定等级。</Text>
        ) : (
          <Text className='tier-retain__rule'>开通会员即享，无需保级。</Text>
        )}
      </View>
    </View>
  )
}
