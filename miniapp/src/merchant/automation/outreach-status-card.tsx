import { Text, View } from '@tarojs/components'
import {
  channelLabels,
  messageCategories,
  messageCategoryLabels,
  type EngagementSettings,
  type OutreachStatus,
} from '@mc/shared'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { countText } from './automation-copy'

type ChannelRow = OutreachStatus['channels'][number]
interface TemplateRow {
  category: (typeof messageCategories)[number]
  templateId: string | null
  reachable: number | null
  unused: number | null
}

const channelColumns: ConsoleColumn<ChannelRow>[] = [
  { key: 'channel', title: '渠道', main: true, render: (c) => channelLabels[c.channel] },
  {
    key: 'configured',
    title: '状态',
    render: (c) =>
      c.configured ? (
        <Text className='console-badge console-badge--green'>已接入</Text>
      ) : (
        <Text className='console-badge console-badge--orange'>未配置 → 跳过</Text>
      ),
  },
  { key: 'pending', title: '排队', end: true, render: (c) => countText(c.pending) },
  { key: 'sent', title: '已发送', end: true, render: (c) => countText(c.sent) },
  { key: 'failed', title: '失败', end: true, render: (c) => countText(c.failed) },
  { key: 'skipped', title: '跳过', end: true, render: (c) => countText(c.skipped) },
]

const templateColumns: ConsoleColumn<TemplateRow>[] = [
  { key: 'category', title: '消息类别', main: true, render: (t) => messageCategoryLabels[t.category] },
  {
    key: 'template',
    title: '微信模板',
    render: (t) =>
      t.templateId ?? (
        <Text className='console-badge console-badge--orange' data-testid={`template-missing-${t.category}`}>
          未配置 → 跳过
        </Text>
      ),
  },
  { key: 'reachable', title: '现在可触达会员', end: true, render: (t) => countText(t.reachable) },
  { key: 'unused', title: '未使用的订阅', end: true, render: (t) => countText(t.unused) },
]

/**
 * What the channels can do now: per channel the queue and its outcomes; per category the WeChat template and how
 * many members hold an unused one-time subscription to it (the budget a rule can spend), a category without a
 * template shown as 未配置 → 跳过; and how many members agreed to SMS.
 */
export function OutreachStatusCard({ status, settings }: { status: OutreachStatus; settings: EngagementSettings }) {
  const templates: TemplateRow[] = messageCategories.map((category) => {
    const found = status.templates.find((t) => t.category === category)
    const configured = settings.wechat.templates[category]?.templateId ?? null
    return {
      category,
      templateId: found?.templateId ?? configured,
      reachable: found ? found.reachableMembers : configured ? 0 : null,
      unused: found ? found.unusedSubscriptions : configured ? 0 : null,
    }
  })
  return (
    <View className='console-card' data-testid='outreach-status'>
      <View className='console-card__head'>
        <Text className='console-card__title'>触达能力</Text>
        <Text className='console-card__sub' data-testid='sms-consented'>
          同意接收短信的会员 {countText(status.smsConsentedMembers)} 人
        </Text>
      </View>
      <ConsoleTable columns={channelColumns} rows={status.channels} rowKey={(c) => c.channel} />
      <Text className='eng-section-title'>微信订阅消息额度</Text>
      <ConsoleTable
        columns={templateColumns}
        rows={templates}
        rowKey={(t) => t.category}
        rowTestId={(t) => `template-status-${t.category}`}
      />
      <Text className='console-muted'>
        一次性订阅每次只能发一条；会员没有剩余订阅时，改发短信（已同意）或只写站内信。
      </Text>
    </View>
  )
}
