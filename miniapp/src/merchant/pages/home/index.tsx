import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { DashboardToday } from '@mc/shared'
import { chineseDate, groupThousands } from '../../../format'
import { consoleCall } from '../../console-call'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, consoleSections, useConsoleAccess, type ConsoleSection } from '../../components/console-shell'
import { WeeklyActionsCard } from '../../insights/weekly-actions-card'
import { useOperatorStore } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import './index.css'

const sectionHints: Partial<Record<ConsoleSection, string>> = {
  insights: '等级、积分、权益与会员分析报表',
  program: '等级、积分规则与发布',
  mall: '商品、兑换、发货与退款',
  stores: '门店与入会二维码',
  staff: '店员账号与收银权限',
  members: '查询会员、流水与调整',
  audit: '谁在何时做了什么',
  operators: '后台账号与 API 密钥',
}

export default function MerchantHomePage() {
  const ready = useConsoleAccess('home')
  const permissions = useOperatorStore((s) => s.permissions)
  const today = useConsoleLoad<DashboardToday>(ready, () => consoleCall((api) => api.admin.dashboard.today.$get()))
  const shortcuts = consoleSections.filter(
    (entry) => entry.section !== 'home' && permissions.includes(entry.permission),
  )
  const mall = consoleSections.find((entry) => entry.section === 'mall')
  const canOpenMall = permissions.includes('mall.read')
  const openMall = () => {
    if (mall && canOpenMall) void Taro.redirectTo({ url: mall.url })
  }

  return (
    <ConsoleShell
      active='home'
      title='概览'
      actions={
        <ConsoleButton size='small' loading={today.loading && today.data !== null} onClick={() => void today.reload()}>
          刷新
        </ConsoleButton>
      }
    >
      <View data-testid='merchant-home'>
        {today.failure && !today.data ? (
          <View className='console-notice console-notice--error'>
            <Text>{today.failure.message}</Text>
            <ConsoleButton size='small' onClick={() => void today.reload()}>
              重试
            </ConsoleButton>
          </View>
        ) : null}
        {today.data ? <TodayFigures today={today.data} onOpenMall={canOpenMall ? openMall : undefined} /> : null}
        {!today.data && !today.failure ? <View className='console-empty'>加载中…</View> : null}
        {permissions.includes('insights.read') ? <WeeklyActionsCard ready={ready} /> : null}

        <View className='console-card'>
          <View className='console-card__head'>
            <Text className='console-card__title'>快捷入口</Text>
          </View>
          <View className='merchant-home__shortcuts'>
            {shortcuts.map((entry) => (
              <View
                key={entry.section}
                className='merchant-home__shortcut'
                data-testid={`shortcut-${entry.section}`}
                onClick={() => void Taro.redirectTo({ url: entry.url })}
              >
                <View className='merchant-home__shortcut-icon'>{entry.icon}</View>
                <View className='console-form'>
                  <Text className='merchant-home__shortcut-name'>{entry.label}</Text>
                  <Text className='console-muted'>{sectionHints[entry.section]}</Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      </View>
    </ConsoleShell>
  )
}

function TodayFigures({ today, onOpenMall }: { today: DashboardToday; onOpenMall?: () => void }) {
  const figures = [
    { key: 'joins', label: '今日新会员', value: today.joins },
    { key: 'signIns', label: '今日签到', value: today.signIns },
    { key: 'orders', label: '今日入账订单', value: today.ordersCredited },
    { key: 'issued', label: '今日发放积分', value: today.pointsIssued },
    { key: 'redeemed', label: '今日兑换积分', value: today.pointsRedeemed },
    { key: 'reconcile', label: '待对账兑换', value: today.pendingReconciliations },
  ]
  const attention = [
    {
      key: 'failedNotices',
      label: '支付通知异常',
      hint: '今日未匹配或金额不符的通知',
      value: today.attention.failedNotices,
    },
    { key: 'toShip', label: '待发货兑换', hint: '已兑换、尚未发货的快递商品', value: today.attention.deliveriesToShip },
    {
      key: 'reconciliation',
      label: '待对账',
      hint: '支付或退款结果待核对',
      value: today.attention.reconciliationQueue,
    },
  ]
  const open = attention.filter((item) => item.value > 0)

  return (
    <>
      <Text className='console-muted merchant-home__day'>
        {chineseDate(today.businessDay)}
        {today.outlet ? ` · ${today.outlet.name}` : ''}
      </Text>
      <View className='console-stats merchant-home__stats'>
        {figures.map((figure) => (
          <View key={figure.key} className='console-stat' data-testid={`today-${figure.key}`}>
            <Text className='console-stat__label'>{figure.label}</Text>
            <Text className='console-stat__value'>{groupThousands(figure.value)}</Text>
          </View>
        ))}
      </View>
      <View className='console-card' data-testid='needs-attention'>
        <View className='console-card__head'>
          <Text className='console-card__title'>待处理</Text>
          {open.length === 0 ? <Text className='console-badge console-badge--green'>暂无待处理事项</Text> : null}
        </View>
        <View className='merchant-home__attention'>
          {attention.map((item) => (
            <View
              key={item.key}
              className={`merchant-home__attention-item ${item.value > 0 ? 'merchant-home__attention-item--open' : ''}`}
              onClick={() => onOpenMall?.()}
            >
              <View className='console-form'>
                <Text className='merchant-home__attention-label'>{item.label}</Text>
                <Text className='console-muted'>{item.hint}</Text>
              </View>
              <Text className='merchant-home__attention-value'>{groupThousands(item.value)}</Text>
            </View>
          ))}
        </View>
      </View>
    </>
  )
}
