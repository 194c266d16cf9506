import type { ReactNode } from 'react'
import { PagePlaceholder } from '../../components/page-shell'
import { useMallStore } from '../mall.store'

/** The mall page frame until item `itemId` arrives: a retry once loading it failed, else 加载中…. */
export function ItemPlaceholder({ itemId }: { itemId: string }) {
  const error = useMallStore((s) => s.itemError)
  const pending = useMallStore((s) => s.itemPending === itemId)
  return (
    <PagePlaceholder
      className='mall-page'
      loadingClassName='mall-loading'
      failure={error && !pending ? error.message : null}
      onRetry={() => void useMallStore.getState().loadItem(itemId)}
    />
  )
}

/** The mall page frame until redemption `redemptionId` arrives; `children` go first (e.g. the page's Toast). */
export function RedemptionPlaceholder({ redemptionId, children }: { redemptionId: string; children?: ReactNode }) {
  const error = useMallStore((s) => s.redemptionError)
  const loading = useMallStore((s) => s.redemptionPending === redemptionId)
  return (
    <PagePlaceholder
      className='mall-page'
      loadingClassName='mall-loading'
      failure={error && !loading ? error.message : null}
      onRetry={() => void useMallStore.getState().loadRedemption(redemptionId)}
    >
      {children}
    </PagePlaceholder>
  )
}
