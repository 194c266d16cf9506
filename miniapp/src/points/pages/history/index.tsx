import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { useMembershipStore } from '../../../membership/membership.store'
import { useMemberSession } from '../../../session/use-member-session'
import { HistoryFooter } from '../../components/history-footer'
import { HistoryList } from '../../components/history-list'
import { HistorySummary } from '../../components/history-summary'
import { HistoryTabs } from '../../components/history-tabs'
import { historyTitles, historyTypeFromParam } from '../../history-copy'
import { rememberHistoryType } from '../../history-tab-url'
import { pointsSelectors, usePointsStore, type HistoryType } from '../../points.store'
import '../../../components/page-shell/index.css'
import './index.css'

const toastId = 'history-toast'

const emptyHints: Record<HistoryType, string> = {
  growth: '下单、签到等都会累积成长值',
  points: '下单、签到等都会获得积分',
}

/** 成长值 / 积分 history with a tab per ledger, infinite scroll over the cursor API and pull-down refresh. */
export default function HistoryPage() {
  const { params } = useRouter()
  const [type, setType] = useState<HistoryType>(() => historyTypeFromParam(params.type))
  useHistoryFeed(type)

  const switchTo = (next: HistoryType) => {
    if (next === type) return
    setType(next)
    // A reload opens the tab chosen, not the one the page was first opened on.
    rememberHistoryType(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  return (
    <View className='page-shell history'>
      <Toast id={toastId} />
      <HistoryTabs value={type} onChange={switchTo} />
      <HistorySummary type={type} />
      <HistoryBody type={type} />
    </View>
  )
}

/** Loads the `type` history as the page needs it: the first page on opening, more at the bottom, all on pull-down. */
function useHistoryFeed(type: HistoryType) {
  const hasMe = useMembershipStore((s) => s.me !== null)
  const loadMe = useMembershipStore((s) => s.loadMe)
  const openHistory = usePointsStore((s) => s.openHistory)
  const loadMoreHistory = usePointsStore((s) => s.loadMoreHistory)
  const refreshHistory = usePointsStore((s) => s.refreshHistory)
  const loggedIn = useMemberSession()

  // The summary's balance comes from /api/me, which home has normally loaded already.
  useEffect(() => {
    if (loggedIn && !hasMe) void loadMe()
  }, [loggedIn, hasMe, loadMe])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: historyTitles[type] })
    if (loggedIn) void openHistory(type)
  }, [type, loggedIn, openHistory])

  useReachBottom(() => {
    void loadMoreHistory(type)
  })

  usePullDownRefresh(() => {
    void refreshHistory(type).then((ok) => {
      Taro.stopPullDownRefresh()
      // With rows on screen a failed refresh only needs a hint; without any, the error state shows already.
      const { loaded, error } = usePointsStore.getState().histories[type]
      if (!ok && loaded && error) Toast.show(toastId, { content: error.message })
    })
  })
}

/** The rows of the `type` history, or its skeleton, error or empty state. */
function HistoryBody({ type }: { type: HistoryType }) {
  const entries = usePointsStore((s) => pointsSelectors.entries(s, type))
  const loadingFirst = usePointsStore((s) => pointsSelectors.isLoadingFirst(s, type))
  const firstLoadFailed = usePointsStore((s) => pointsSelectors.firstLoadFailed(s, type))
  const isEmpty = usePointsStore((s) => pointsSelectors.isEmpty(s, type))
  const errorMessage = usePointsStore((s) => pointsSelectors.errorMessage(s, type))
  if (loadingFirst) return <HistorySkeleton />
  if (firstLoadFailed) {
    return (
      <ErrorState
        message={errorMessage ?? '加载失败'}
        onRetry={() => void usePointsStore.getState().refreshHistory(type)}
      />
    )
  }
  if (isEmpty) {
    return (
      <View className='history__empty'>
        <EmptyState description='暂无记录'>
          <Text className='history__empty-hint'>{emptyHints[type]}</Text>
        </EmptyState>
      </View>
    )
  }
  return (
    <>
      <HistoryList type={type} entries={entries} />
      <HistoryFooter type={type} />
    </>
  )
}

/** Grey rows in the shape of the list while the first page loads. */
function HistorySkeleton() {
  return (
    <View className='history__skeleton' aria-busy='true'>
      {[0, 1, 2, 3, 4].map((i) => (
        <View key={i} className='history__ghost-row'>
          <View className='history__ghost-mark' />
          <View className='history__ghost-lines'>
            <View className='history__ghost-line' />
            <View className='history__ghost-line history__ghost-line--short' />
          </View>
        </View>
      ))}
      <Text className='history__skeleton-text'>加载中…</Text>
    </View>
  )
}
