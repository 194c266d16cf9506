import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { journeyCategories, journeyKeys, journeyLabels, messageCategoryLabels, type JourneyKey } from '@mc/shared'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { loadJourneys } from '../../automation/automation-api'
import { countText } from '../../automation/automation-copy'
import { useAutomationStore } from '../../automation/automation.store'
import { EngagementTabs, EngSwitch } from '../../automation/engagement-tabs'
import { LimitsCard } from '../../automation/limits-card'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'
import { openPage } from '../../../open-page'

type Journeys = Awaited<ReturnType<typeof loadJourneys>>
type JourneyRow = Journeys['journeys'][number]

/** 自动化规则: each built-in rule with its switch, holdout, category and last 30 days; the sending limits. */
export default function MerchantAutomationPage() {
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const settings = useAutomationStore((s) => s.settings)
  const saving = useAutomationStore((s) => s.saving)
  const failure = useAutomationStore((s) => s.failure)
  const journeys = useConsoleLoad<Journeys>(ready, loadJourneys)
  useEffect(() => {
    if (ready) void useAutomationStore.getState().load()
  }, [ready])

  const rowOf = (key: JourneyKey): JourneyRow | undefined => journeys.data?.journeys.find((row) => row.key === key)
  const edit = (key: JourneyKey) => void openPage(`${routes.merchantAutomationRule}?key=${encodeURIComponent(key)}`)
  const switched = async (key: JourneyKey, enabled: boolean) => {
    const saved = await useAutomationStore.getState().ruleSwitched(key, enabled)
    if (saved) void Taro.showToast({ title: enabled ? '已开启' : '已关闭', icon: 'success' })
  }
  const columns: ConsoleColumn<JourneyKey>[] = [
    {
      key: 'name',
      title: '规则',
      main: true,
      render: (key) => (
        <View className='eng-name'>
          <Text className='eng-link' onClick={() => edit(key)}>
            {journeyLabels[key]}
          </Text>
          <Text className='console-muted'>{messageCategoryLabels[journeyCategories[key]]}</Text>
        </View>
      ),
    },
    {
      key: 'enabled',
      title: '开关',
      render: (key) => (
        <View className='eng-switch-row'>
          <EngSwitch
            on={settings?.journeys[key].enabled ?? false}
            disabled={!mayEdit || saving !== null}
            testId={`rule-switch-${key}`}
            onChange={(on) => void switched(key, on)}
          />
          <Text className='console-muted' data-testid={`rule-state-${key}`}>
            {settings?.journeys[key].enabled ? '已开启' : '已关闭'}
          </Text>
        </View>
      ),
    },
    {
      key: 'holdout',
      title: '对照组',
      end: true,
      render: (key) => `${settings?.journeys[key].holdoutPercent ?? '—'}%`,
    },
    {
      key: 'counts',
      title: '近 30 天',
      end: true,
      render: (key) => <JourneyCounts row={rowOf(key)} />,
    },
    {
      key: 'edit',
      title: '操作',
      end: true,
      render: (key) => (
        <ConsoleButton size='small' testId={`rule-edit-${key}`} onClick={() => edit(key)}>
          {mayEdit ? '编辑' : '查看'}
        </ConsoleButton>
      ),
    },
  ]

  return (
    <ConsoleShell active='engagement' title='会员触达'>
      <EngagementTabs active='rules' />
      {failure ? <View className='console-notice console-notice--error'>{failure.message}</View> : null}
      {journeys.failure ? (
        <View className='console-notice console-notice--error'>{journeys.failure.message}</View>
      ) : null}
      {settings ? (
        <>
          <View className='console-card' data-testid='automation-rules'>
            <View className='console-card__head'>
              <Text className='console-card__title'>自动化规则</Text>
              <Text className='console-card__sub'>每条规则按对照组比例随机留出会员不发送，用来衡量真实效果</Text>
            </View>
            <ConsoleTable
              columns={columns}
              rows={[...journeyKeys]}
              rowKey={(key) => key}
              rowTestId={(k) => `rule-${k}`}
            />
          </View>
          <LimitsCard settings={settings} mayEdit={mayEdit} />
        </>
      ) : !failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
    </ConsoleShell>
  )
}

/** The last 30 days of one rule: sent, held out, over the weekly cap. */
function JourneyCounts({ row }: { row: JourneyRow | undefined }) {
  if (!row) return <Text className='console-muted'>—</Text>
  const days = row.last30Days
  return (
    <View className='eng-counts'>
      <Text>发送 {countText(days.sent)}</Text>
      <Text className='console-muted'>对照 {countText(days.holdout)}</Text>
      <Text className='console-muted'>超频 {countText(days.capped)}</Text>
    </View>
  )
}
