import { Text, View } from '@tarojs/components'
import type { MeResponse } from '@mc/shared'
import { IconTile } from '../../components/icon'
import { RetainGlyph } from '../../components/icon/glyphs'
import { retainStory } from '../progress-copy'
import { retainCopy } from '../tier-rules-copy'
import { RetainHow } from './retain-how'
import '../../components/page-shell/index.css'
import './tier-retain.css'

/** What keeps the member's tier and by when (保级), and why in what will still count then; the entry tier lasts. */
export interface TierRetainProps {
  me: Pick<MeResponse, 'tier' | 'growth' | 'retain' | 'validUntil' | 'atRiskGrowth'>
}

export function TierRetain({ me }: TierRetainProps) {
  const copy = retainCopy(me)
  const story = retainStory(me)
  const tone = story === null || story.kept ? 'ok' : 'warn'
  return (
    <View className='page-card tier-retain'>
      <Text className='tier-retain__title'>保级规则</Text>
      <View className='tier-retain__headline'>
        <IconTile className='tier-retain__mark' glyph={RetainGlyph} tone={tone === 'ok' ? 'green' : 'orange'} />
        <Text className='tier-retain__headline-text'>
          {copy.headline}
          {/* The date stays on one line: a narrow phone breaks before it rather than inside it. */}
          {copy.until && ' '}
          {copy.until && <Text className='tier-retain__until'>{copy.until}</Text>}
        </Text>
      </View>
      {story ? (
        <View className='tier-retain__story'>
          <Text className={`tier-retain__status tier-retain__status--${tone}`}>{story.headline}</Text>
          <Text className='tier-retain__condition'>{story.detail}</Text>
          <RetainHow lines={story.howItWorks} />
        </View>
      ) : (
        <View className='tier-retain__rules'>
          <Text className='bullet-line tier-retain__rule'>开通会员即享，无需保级。</Text>
          <Text className='bullet-line tier-retain__rule'>成长值达到更高等级的门槛时立即升级。</Text>
        </View>
      )}
    </View>
  )
}
