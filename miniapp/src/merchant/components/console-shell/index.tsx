import { useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import {
  Articles,
  Category,
  Gift,
  Home,
  Notice,
  Order,
  Setting,
  ShieldCheck,
  Store,
  User,
  UserAdd,
} from '@nutui/icons-react-taro'
import { roleLabels, type Permission } from '@mc/shared'
import { routes } from '../../../routes'
import { openConsoleLogin } from '../../console-call'
import { operatorSelectors, useOperatorStore } from '../../operator.store'
import { ConsoleModal } from '../console-modal'
import { PasswordForm } from '../password-form'
import '../../console.css'

export type ConsoleSection =
  | 'home'
  | 'insights'
  | 'engagement'
  | 'program'
  | 'mall'
  | 'stores'
  | 'staff'
  | 'till'
  | 'members'
  | 'audit'
  | 'operators'

interface SectionEntry {
  section: ConsoleSection
  label: string
  permission: Permission
  url: string
  icon: ReactNode
}

/** The console's sections in navigation order; each shows only to operators holding its permission. */
export const consoleSections: SectionEntry[] = [
  { section: 'home', label: '概览', permission: 'dashboard.read', url: routes.merchantHome, icon: <Home /> },
  {
    section: 'insights',
    label: '经营分析',
    permission: 'insights.read',
    url: routes.merchantInsights,
    icon: <Category />,
  },
  {
    section: 'engagement',
    label: '会员触达',
    permission: 'engagement.read',
    url: routes.merchantAutomation,
    icon: <Notice />,
  },
  {
    section: 'program',
    label: '会员规则',
    permission: 'program.read',
    url: routes.merchantProgram,
    icon: <Setting />,
  },
  { section: 'mall', label: '积分商城', permission: 'mall.read', url: routes.merchantMall, icon: <Gift /> },
  {
    section: 'stores',
    label: '门店',
    permission: 'outlets.read',
    url: routes.merchantStores,
    icon: <Store />,
  },
  { section: 'staff', label: '店员', permission: 'staff.read', url: routes.merchantStaff, icon: <UserAdd /> },
  {
    section: 'till',
    label: '收银审批',
    permission: 'staff.read',
    url: routes.merchantTillApprovals,
    icon: <Order />,
  },
  {
    section: 'members',
    label: '会员',
    permission: 'members.read',
    url: routes.merchantMembers,
    icon: <User />,
  },
  { section: 'audit', label: '操作日志', permission: 'audit.read', url: routes.merchantAudit, icon: <Articles /> },
  {
    section: 'operators',
    label: '账号与密钥',
    permission: 'operators.manage',
    url: routes.merchantOperators,
    icon: <ShieldCheck />,
  },
]

export interface ConsoleShellProps {
  /** The section this page belongs to: highlighted in the navigation, and its permission is required. */
  active: ConsoleSection
  title: string
  /** Buttons beside the title (new item, refresh…). */
  actions?: ReactNode
  children: ReactNode
}

/**
 * The frame of every console page: the login guard (no session, or a password still to change → the merchant
 * login), navigation filtered by permission (a side bar on a desktop, a top bar with a sideways-scrolling tab
 * strip on a phone), the page title and the content column. Children render only for an operator allowed here.
 */
export function ConsoleShell({ active, title, actions, children }: ConsoleShellProps) {
  const allowed = useConsoleAccess(active)
  const operator = useOperatorStore((s) => s.operator)
  const permissions = useOperatorStore((s) => s.permissions)
  const [menuOpen, setMenuOpen] = useState(false)
  const [changingPassword, setChangingPassword] = useState(false)
  usePhoneScaleRoot()

  if (!operator) return <View className='console' />
  const sections = consoleSections.filter((entry) => permissions.includes(entry.permission))
  const open = (entry: SectionEntry) => {
    if (entry.section !== active) void Taro.redirectTo({ url: entry.url })
  }
  const changePassword = () => {
    setMenuOpen(false)
    setChangingPassword(true)
  }
  const logout = async () => {
    setMenuOpen(false)
    // The guard below sees the session end and opens the login.
    await useOperatorStore.getState().logout()
  }
  const initial = (operator.name || operator.login).slice(0, 1).toUpperCase()

  return (
    <View className={`console console--${active}`}>
      <View className='console__side'>
        <View className='console__brand'>
          <Text className='console__brand-mark'>会</Text>
          <Text>商家后台</Text>
        </View>
        <View className='console__nav' {...({ role: 'navigation' } as object)}>
          {sections.map((entry) => (
            <View
              key={entry.section}
              className={`console__nav-item ${entry.section === active ? 'console__nav-item--active' : ''}`}
              data-testid={`console-nav-${entry.section}`}
              onClick={() => open(entry)}
            >
              <View className='console__nav-icon'>{entry.icon}</View>
              <Text>{entry.label}</Text>
            </View>
          ))}
        </View>
        <View className='console__side-account'>
          <View className='console__side-who'>
            <Text className='console__avatar'>{initial}</Text>
            <View className='console-form'>
              <Text>{operator.name}</Text>
              <Text className='console-muted'>
                {roleLabels[operator.role]} · {operator.login}
              </Text>
            </View>
          </View>
          <View className='console__side-links'>
            <Text className='console-button console-button--link' onClick={changePassword}>
              修改密码
            </Text>
            <Text className='console-button console-button--link' onClick={() => void logout()}>
              退出登录
            </Text>
          </View>
        </View>
      </View>

      <View className='console__main'>
        <View className='console__topbar'>
          <View className='console__brand'>
            <Text className='console__brand-mark'>会</Text>
            <Text>商家后台</Text>
          </View>
          <View className='console__account'>
            <View
              className='console__account-button'
              data-testid='console-account'
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <Text className='console__avatar'>{initial}</Text>
              <Text className='console__account-name'>{operator.name}</Text>
            </View>
            {menuOpen ? (
              <View className='console__menu'>
                <View className='console__menu-info'>
                  <Text>{operator.name}</Text>
                  <Text className='console-muted'>
                    {roleLabels[operator.role]} · {operator.login}
                  </Text>
                </View>
                <Text className='console__menu-item' onClick={changePassword}>
                  修改密码
                </Text>
                <Text className='console__menu-item console__menu-item--danger' onClick={() => void logout()}>
                  退出登录
                </Text>
              </View>
            ) : null}
          </View>
        </View>
        <ScrollView
          className='console__tabs'
          scrollX
          enhanced
          showScrollbar={false}
          scrollIntoView={`console-tab-${active}`}
        >
          <View className='console__tab-row'>
            {sections.map((entry) => (
              <Text
                key={entry.section}
                id={`console-tab-${entry.section}`}
                className={`console__tab ${entry.section === active ? 'console__tab--active' : ''}`}
                data-testid={`console-tab-${entry.section}`}
                onClick={() => open(entry)}
              >
                {entry.label}
              </Text>
            ))}
          </View>
        </ScrollView>

        <View className='console__header'>
          <Text className='console__title'>{title}</Text>
          {actions && allowed ? <View className='console__actions'>{actions}</View> : null}
        </View>
        <View className='console__content'>
          {allowed ? children : <View className='console__denied'>当前账号没有查看此页面的权限</View>}
        </View>
      </View>

      <ConsoleModal open={changingPassword} title='修改密码' onClose={() => setChangingPassword(false)}>
        <PasswordForm
          onCancel={() => setChangingPassword(false)}
          onDone={() => {
            setChangingPassword(false)
            void Taro.showToast({ title: '密码已修改', icon: 'success' })
          }}
        />
      </ConsoleModal>
    </View>
  )
}

let refreshed = false

/**
 * The console page's guard, for pages that load data before rendering the shell: true once an operator who may
 * open `section` is signed in. Without a session, or with the first password still to change, it opens the
 * merchant login instead. Once per app start it also re-reads the account, so a changed role shows.
 */
export function useConsoleAccess(section: ConsoleSection): boolean {
  const loggedIn = useOperatorStore(operatorSelectors.isLoggedIn)
  const mustChange = useOperatorStore(operatorSelectors.mustChangePassword)
  const permission = consoleSections.find((entry) => entry.section === section)?.permission
  const permitted = useOperatorStore((s) => (permission ? s.permissions.includes(permission) : false))
  useEffect(() => {
    if (!loggedIn || mustChange) openConsoleLogin()
    else if (!refreshed) {
      refreshed = true
      void useOperatorStore.getState().refresh()
    }
  }, [loggedIn, mustChange])
  return loggedIn && !mustChange && permitted
}

let pinned = 0

/**
 * Taro sets the root font from the screen's width, so on a desktop every rem-based size (ours and NutUI's)
 * would be twice the phone's. While a console page is open the root is pinned at the phone's scale (console.css).
 */
export function usePhoneScaleRoot(): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    pinned += 1
    document.documentElement.classList.add('mc-console')
    return () => {
      pinned -= 1
      if (pinned === 0) document.documentElement.classList.remove('mc-console')
    }
  }, [])
}
