import { View } from '@tarojs/components'
import type { MessageCategory } from '@mc/shared'
import { type Glyph, IconTile, type IconTone } from '../../components/icon'
import { CouponGlyph, GiftGlyph, NoticeGlyph, StarGlyph, WalletGlyph } from '../../components/icon/glyphs'
import { categoryTags } from '../inbox-copy'

// Each category's glyph and tone on the app's one icon tile, so a message's icon looks like the shortcut it leads to.
const looks: Record<MessageCategory | 'other', { glyph: Glyph; tone: IconTone }> = {
  tier: { glyph: StarGlyph, tone: 'gold' },
  points: { glyph: WalletGlyph, tone: 'orange' },
  offers: { glyph: CouponGlyph, tone: 'red' },
  care: { glyph: GiftGlyph, tone: 'green' },
  other: { glyph: NoticeGlyph, tone: 'blue' },
}

/** The message's type at a glance: an icon on its category's tint, a bell for a kind the app does not know. */
export function InboxTypeIcon({ category }: { category: MessageCategory | null }) {
  const look = looks[category ?? 'other']
  return (
    <View aria-label={category ? categoryTags[category] : '通知'} data-testid='inbox-type-icon'>
      <IconTile glyph={look.glyph} tone={look.tone} size='l' />
    </View>
  )
}
