import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { PagePlaceholder } from '../../components/page-shell'
import { useMallStore } from '../mall.store'
import { RedemptionNotFound } from './redemption-not-found'

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

/**
 * The mall page frame until redemption `redemptionId` arrives; `children` go first (e.g. the page's Toast). A
 * redemption the BFF answers 404 for is not found, which a retry cannot change; any other failure offers 重试.
 */
export function RedemptionPlaceholder({ redemptionId, children }: { redemptionId: string; children?: ReactNode }) {
  const error = useMallStore((s) => s.redemptionError)
  const loading = useMallStore((s) => s.redemptionPending === redemptionId)
  if (!loading && (error?.code === 'REDEMPTION_NOT_FOUND' || redemptionId === '')) {
    return (
      <View className='page-shell mall-page'>
        {children}
        <RedemptionNotFound />
      </View>
    )
  }
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
