import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { channelLabels, channels, journeyLabels, JourneyKey, type Channel, type OutboxMessageView } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { merchantMemberRoute } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { Chip } from '../../mall/chip'
import { loadOutbox, retryOutboxMessage } from '../../automation/automation-api'
import { EngagementTabs } from '../../automation/engagement-tabs'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'
import { openPage } from '../../../open-page'

/** Where a message came from: the rule's name, or 活动 and the campaign. */
const sourceText = (m: OutboxMessageView) => {
  const journey = JourneyKey.safeParse(m.sourceId)
  return m.sourceType === 'journey' && journey.success ? journeyLabels[journey.data] : '营销活动'
}

/** 发送失败: the outbox's permanently failed messages, by channel, each with 重试 (sent again once, not twice). */
export default function MerchantOutboxPage() {
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const mayOpenMembers = useCan('members.read')
  const [channel, setChannel] = useState<Channel | null>(null)
  const [retrying, setRetrying] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  const failed = useConsoleLoad(
    ready,
    () => loadOutbox({ state: 'failed', ...(channel ? { channel } : {}) }),
    channel ?? 'all',
  )
  const retry = async (id: string) => {
    setRetrying(id)
    setNotice(null)
    try {
      await retryOutboxMessage(id)
      setNotice({ error: false, text: '已重新排队，稍后发送' })
      await failed.reload()
    } catch (error) {
      setNotice({ error: true, text: failureOf(error).message })
    } finally {
      setRetrying(null)
    }
  }
  const columns: ConsoleColumn<OutboxMessageView>[] = [
    { key: 'title', title: '消息', main: true, render: (m) => m.title },
    { key: 'channel', title: '渠道', render: (m) => <Text className='console-badge'>{channelLabels[m.channel]}</Text> },
    {
      key: 'member',
      title: '会员',
      // The id's tail is enough to tell members apart here; the link opens the whole record.
      render: (m) =>
        mayOpenMembers ? (
          <Text className='eng-link eng-nowrap' onClick={() => void openPage(merchantMemberRoute(m.memberId))}>
            查看 …{m.memberId.slice(-6)}
          </Text>
        ) : (
          `…${m.memberId.slice(-6)}`
        ),
    },
    { key: 'source', title: '来源', render: sourceText },
    { key: 'error', title: '失败原因', render: (m) => <Text className='eng-error-text'>{m.lastError ?? '—'}</Text> },
    { key: 'attempts', title: '尝试', end: true, render: (m) => `${m.attempts} 次` },
    {
      key: 'created',
      title: '时间',
      render: (m) => <Text className='eng-nowrap'>{shanghaiDateTime(m.createdAt)}</Text>,
    },
    {
      key: 'retry',
      title: '操作',
      end: true,
      render: (m) =>
        mayEdit ? (
          <ConsoleButton
            size='small'
            testId={`outbox-retry-${m.id}`}
            loading={retrying === m.id}
            onClick={() => void retry(m.id)}
          >
            重试
          </ConsoleButton>
        ) : (
          '—'
        ),
    },
  ]
  return (
    <ConsoleShell active='engagement' title='会员触达'>
      <EngagementTabs active='outbox' />
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='outbox-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {failed.failure ? <View className='console-notice console-notice--error'>{failed.failure.message}</View> : null}
      <View className='console-card' data-testid='outbox-list'>
        <View className='console-card__head'>
          <Text className='console-card__title'>发送失败的消息</Text>
          <View className='console-chips'>
            <Chip on={channel === null} testId='outbox-channel-all' onClick={() => setChannel(null)}>
              全部渠道
            </Chip>
            {channels
              .filter((c) => c !== 'inbox')
              .map((c) => (
                <Chip key={c} on={channel === c} testId={`outbox-channel-${c}`} onClick={() => setChannel(c)}>
                  {channelLabels[c]}
                </Chip>
              ))}
          </View>
        </View>
        {failed.data ? (
          <ConsoleTable
            columns={columns}
            rows={failed.data.messages}
            rowKey={(m) => m.id}
            rowTestId={(m) => `outbox-row-${m.id}`}
            empty='没有发送失败的消息'
          />
        ) : (
          <View className='console-empty'>加载中…</View>
        )}
        <Text className='console-muted'>站内信总会写入，失败的只有微信订阅消息和短信；重试只会再发一次。</Text>
      </View>
    </ConsoleShell>
  )
}
