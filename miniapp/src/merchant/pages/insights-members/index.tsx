import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { lifecycleStages, type LifecycleStage } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { merchantMemberRoute, routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import {
  loadInsightMembers,
  type InsightMemberRow,
  type InsightMembersPage,
  type InsightMembersQuery,
} from '../../insights/insights-api'
import { formatValue } from '../../insights/insights-copy'
import { MemberFilters } from '../../insights/member-filters'
import { MemberPhone } from '../../members/member-phone'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../members/members.css'
import '../../insights/insights.css'
import { openPage } from '../../../open-page'

/**
 * The members behind a number (`?rfmGroup=important_retain&tier=gold`): the list a weekly action or a report opens,
 * with the RFM group and lifecycle switchable here; each row opens the member's page.
 */
export default function MerchantInsightMembersPage() {
  const params = useRouter().params
  const ready = useConsoleAccess('insights')
  const [filters, setFilters] = useState<InsightMembersQuery>({
    rfmGroup: params.rfmGroup || undefined,
    lifecycle: lifecycleStages.find((stage): stage is LifecycleStage => stage === params.lifecycle),
    tag: params.tag ? decodeURIComponent(params.tag) : undefined,
    tier: params.tier || undefined,
  })
  const [more, setMore] = useState<{ rows: InsightMemberRow[]; cursor: string | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const first = useConsoleLoad<InsightMembersPage>(
    ready,
    async () => {
      setMore(null)
      return loadInsightMembers(filters)
    },
    JSON.stringify(filters),
  )
  const rows = [...(first.data?.members ?? []), ...(more?.rows ?? [])]
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null)
  const loadMore = async () => {
    if (!cursor) return
    setLoadingMore(true)
    try {
      const page = await loadInsightMembers({ ...filters, cursor })
      setMore({ rows: [...(more?.rows ?? []), ...page.members], cursor: page.nextCursor })
    } catch (failure) {
      setError(failureOf(failure).message)
    } finally {
      setLoadingMore(false)
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantInsights }))

  return (
    <ConsoleShell active='insights' title='会员名单'>
      <View className='member-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回
        </ConsoleButton>
      </View>
      <MemberFilters filters={filters} onChange={setFilters} />
      <View className='console-card' data-testid='insight-members'>
        {first.failure || error ? (
          <View className='console-notice console-notice--error'>{first.failure?.message ?? error}</View>
        ) : null}
        {first.data === null && !first.failure ? (
          <View className='console-empty'>加载中…</View>
        ) : (
          <ConsoleTable
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            rowTestId={(row) => `insight-row-${row.id}`}
            empty='没有符合条件的会员'
          />
        )}
        {cursor ? (
          <View className='console-more'>
            <ConsoleButton loading={loadingMore} onClick={() => void loadMore()}>
              加载更多
            </ConsoleButton>
          </View>
        ) : null}
      </View>
    </ConsoleShell>
  )
}

const columns: ConsoleColumn<InsightMemberRow>[] = [
  {
    key: 'nickname',
    title: '会员',
    main: true,
    render: (row) => (
      <Text className='members-link' onClick={() => void openPage(merchantMemberRoute(row.id))}>
        {`${row.nickname} ›`}
      </Text>
    ),
  },
  {
    key: 'phone',
    title: '手机号',
    render: (row) => <MemberPhone memberId={row.id} phone={row.phone} phoneMasked={row.phoneMasked} />,
  },
  { key: 'tier', title: '等级', render: (row) => row.tier.name },
  { key: 'rfm', title: 'RFM 分组', render: (row) => row.rfmGroupLabel ?? '—' },
  { key: 'lifecycle', title: '生命周期', render: (row) => row.lifecycleLabel },
  { key: 'monetary', title: '窗口内消费', end: true, render: (row) => formatValue(row.monetaryFen, 'fen') },
  { key: 'last', title: '最近消费', render: (row) => row.lastOrderDay ?? '—' },
]
