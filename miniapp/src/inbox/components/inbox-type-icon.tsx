import { View } from '@tarojs/components'
import { Coupon, Gift, Notice, Star, Wallet } from '@nutui/icons-react-taro'
import type { MessageCategory } from '@mc/shared'
import { categoryTags } from '../inbox-copy'
import './inbox-type-icon.css'

// NutUI's icons, imported one by one so only these five reach the inbox package. Kept in the inbox: the shared
// icon component of issue 16 replaces this mapping when the branches meet.
const icons: Record<MessageCategory, typeof Star> = { tier: Star, points: Wallet, offers: Coupon, care: Gift }

/** The message's type at a glance: an icon on its category's tint, a bell for a kind the app does not know. */
export function InboxTypeIcon({ category }: { category: MessageCategory | null }) {
  const Icon = category ? icons[category] : Notice
  return (
    <View
      className={`inbox-icon inbox-icon--${category ?? 'other'}`}
      aria-label={category ? categoryTags[category] : '通知'}
      data-testid='inbox-type-icon'
    >
      <Icon size={20} color='currentColor' />
    </View>
  )
}
