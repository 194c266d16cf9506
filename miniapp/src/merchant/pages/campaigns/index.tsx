import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { deliveredPercent, type CampaignView } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { loadCampaigns } from '../../automation/automation-api'
import { countText } from '../../automation/automation-copy'
import { CampaignBadge } from '../../automation/campaign-badge'
import { deliveryRefreshMs } from '../../automation/campaign-delivery'
import { EngagementTabs } from '../../automation/engagement-tabs'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import { useRefreshWhile } from '../../use-refresh-while'
import '../../console.css'
import '../../automation/automation.css'
import { openPage } from '../../../open-page'

const campaignRoute = (id: string) => `${routes.merchantCampaign}?id=${encodeURIComponent(id)}`

/** 营销活动: campaigns newest first with status, segment, schedule and progress; 新建活动 opens the wizard. */
export default function MerchantCampaignsPage() {
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const first = useConsoleLoad(ready, () => loadCampaigns())
  const [more, setMore] = useState<{ campaigns: CampaignView[]; nextCursor: string | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Back from the builder or the wizard: this page stayed mounted, so it asks again for what was saved there.
  useDidShow(() => {
    if (first.data) {
      setMore(null)
      void first.reload()
    }
  })
  const rows = [...(first.data?.campaigns ?? []), ...(more?.campaigns ?? [])]
  // A campaign on the first page is sending: its delivered share follows the drain (the page reloads when shown).
  useRefreshWhile(
    (first.data?.campaigns ?? []).some((c) => c.status === 'sending'),
    () => void first.reload(),
    deliveryRefreshMs,
    { onShow: false },
  )
  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null)
  const loadMore = async () => {
    if (!nextCursor) return
    setLoadingMore(true)
    try {
      const page = await loadCampaigns(nextCursor)
      setMore({ campaigns: [...(more?.campaigns ?? []), ...page.campaigns], nextCursor: page.nextCursor })
    } catch (failure) {
      setError(failureOf(failure).message)
    } finally {
      setLoadingMore(false)
    }
  }
  const open = (id: string) => void openPage(campaignRoute(id))
  const columns: ConsoleColumn<CampaignView>[] = [
    {
      key: 'name',
      title: '活动',
      main: true,
      render: (c) => (
        <Text className='eng-link' onClick={() => open(c.id)}>
          {c.name}
        </Text>
      ),
    },
    {
      key: 'status',
      title: '状态',
      render: (c) => (
        <View>
          <CampaignBadge status={c.status} />
          {c.status === 'sending' && c.messages.planned > 0 ? (
            <Text className='eng-list-progress'>
              {`已送达 ${deliveredPercent(c.messages.planned, c.messages.delivered)}%`}
            </Text>
          ) : null}
        </View>
      ),
    },
    { key: 'segment', title: '人群', render: (c) => c.segmentName },
    { key: 'when', title: '发送时间', render: (c) => shanghaiDateTime(c.scheduledAt) },
    {
      key: 'ab',
      title: '分组',
      render: (c) => `${c.variants.length === 2 ? 'A/B' : '单一'} · 对照 ${c.holdoutPercent}%`,
    },
    { key: 'targeted', title: '覆盖', end: true, render: (c) => countText(c.targeted) },
    {
      key: 'coupons',
      title: '发券',
      end: true,
      render: (c) => (c.budgetCoupons === null ? '—' : `${countText(c.couponsIssued)} / ${countText(c.budgetCoupons)}`),
    },
  ]
  const actions = mayEdit ? (
    <ConsoleButton
      kind='primary'
      size='small'
      testId='campaign-new'
      onClick={() => void openPage(routes.merchantCampaignNew)}
    >
      新建活动
    </ConsoleButton>
  ) : null
  return (
    <ConsoleShell active='engagement' title='会员触达' actions={actions}>
      <EngagementTabs active='campaigns' />
      {first.failure || error ? (
        <View className='console-notice console-notice--error'>{first.failure?.message ?? error}</View>
      ) : null}
      <View className='console-card' data-testid='campaigns-list'>
        <View className='console-card__head'>
          <Text className='console-card__title'>营销活动</Text>
          <Text className='console-card__sub'>每位会员每个活动最多收到一次</Text>
        </View>
        {first.data ? (
          <ConsoleTable
            columns={columns}
            rows={rows}
            rowKey={(c) => c.id}
            rowTestId={(c) => `campaign-row-${c.id}`}
            empty='还没有活动，点击“新建活动”开始'
          />
        ) : (
          <View className='console-empty'>加载中…</View>
        )}
        {nextCursor ? (
          <View className='console-more'>
            <ConsoleButton size='small' loading={loadingMore} onClick={() => void loadMore()}>
              加载更多
            </ConsoleButton>
          </View>
        ) : null}
      </View>
    </ConsoleShell>
  )
}
