import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import {
  GiftGlyph,
  InboxGlyph,
  MallGlyph,
  MemberCodeGlyph,
  ProfileGlyph,
  SignInGlyph,
  TasksGlyph,
} from '../icon/glyphs'
import { IconTile } from '../icon'
import { inboxSelectors, useInboxStore } from '../../inbox/inbox.store'
import { openPage } from '../../open-page'
import { routes } from '../../routes'
import './index.css'

const entries = [
  { key: 'sign-in', label: '每日签到', glyph: SignInGlyph, url: routes.signIn, tone: 'green' },
  { key: 'tasks', label: '任务中心', glyph: TasksGlyph, url: routes.tasks, tone: 'orange' },
  { key: 'member-code', label: '会员码', glyph: MemberCodeGlyph, url: routes.memberCode, tone: 'dark' },
  { key: 'benefits', label: '我的权益', glyph: GiftGlyph, url: routes.benefits, tone: 'gold' },
  { key: 'mall', label: '积分商城', glyph: MallGlyph, url: routes.mall, tone: 'orange' },
  { key: 'inbox', label: '消息', glyph: InboxGlyph, url: routes.inbox, tone: 'blue' },
  { key: 'profile', label: '个人资料', glyph: ProfileGlyph, url: routes.profile, tone: 'green' },
] as const

/**
 * The home screen's row of shortcuts: sign-in, the tasks, member code, benefits, the points mall, the inbox with its
 * unread count and the member's profile.
 */
export function MemberShortcuts() {
  const badge = useInboxStore(inboxSelectors.unreadBadge)
  useEffect(() => {
    void useInboxStore.getState().loadInbox()
  }, [])
  return (
    <View className='shortcuts'>
      {entries.map((entry) => (
        <View key={entry.key} className='shortcuts__item' onClick={() => void openPage(entry.url)}>
          <IconTile glyph={entry.glyph} tone={entry.tone} look='solid' size='l'>
            {entry.key === 'inbox' && badge && (
              <Text className='shortcuts__badge' aria-label={`${badge} 条未读`}>
                {badge}
              </Text>
            )}
          </IconTile>
          <Text className='shortcuts__label'>{entry.label}</Text>
        </View>
      ))}
    </View>
  )
}
