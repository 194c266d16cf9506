import { ListFooter } from '../../components/list-footer'
import { pointsSelectors, usePointsStore, type HistoryType } from '../points.store'

/** The foot of a points or growth history: loading, retry, more or the end, for that history's pages. */
export function HistoryFooter({ type }: { type: HistoryType }) {
  const loadingMore = usePointsStore((s) => pointsSelectors.isLoadingMore(s, type))
  const hasMore = usePointsStore((s) => pointsSelectors.hasMore(s, type))
  const failed = usePointsStore((s) => s.histories[type].error !== null && s.histories[type].pending === null)
  const loadMoreHistory = usePointsStore((s) => s.loadMoreHistory)
  return (
    <ListFooter loadingMore={loadingMore} hasMore={hasMore} failed={failed} onMore={() => void loadMoreHistory(type)} />
  )
}
