import { Text, View } from '@tarojs/components'
import { Icon } from '../icon'
import { HomeGlyph, MallGlyph, ProfileGlyph } from '../icon/glyphs'
import { openTab } from '../../open-page'
import { routes } from '../../routes'
import './index.css'

/** The shopper's three main sections. */
export type TabKey = 'home' | 'mall' | 'me'

const tabs = [
  { key: 'home', label: '首页', glyph: HomeGlyph, url: routes.home },
  { key: 'mall', label: '积分商城', glyph: MallGlyph, url: routes.mall },
  { key: 'me', label: '我的', glyph: ProfileGlyph, url: routes.profile },
] as const

/**
 * The bottom tab bar of home, the points mall and 我的 (the profile, where 退出登录 lives). Drawn by the pages
 * themselves rather than as Taro's native tabBar, which only takes main-package pages while the mall is a
 * subpackage. A spacer as tall as the bar ends the page, so its last row scrolls clear of the bar.
 */
export function TabBar({ current }: { current: TabKey }) {
  return (
    <>
      <View className='tab-bar__spacer' />
      <View className='tab-bar' data-testid='tab-bar'>
        {tabs.map((tab) => {
          const on = tab.key === current
          return (
            <View
              key={tab.key}
              className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`}
              data-testid={`tab-${tab.key}`}
              aria-current={on ? 'page' : undefined}
              onClick={on ? undefined : () => void openTab(tab.url)}
            >
              <Icon glyph={tab.glyph} size='m' />
              <Text className='tab-bar__label'>{tab.label}</Text>
            </View>
          )
        })}
      </View>
    </>
  )
}
