import { useEffect } from 'react'
import { Toast } from '@nutui/nutui-react-taro'
import type { RedemptionView } from '@mc/shared'
import { secondsUntil } from './mall-copy'
import { useMallStore } from './mall.store'
import { useNow } from './use-now'

/**
 * Seconds left to pay a pending redemption (null without a deadline) and whether time is up. At zero the BFF
 * expires the order, so the redemption is fetched once: the page then shows the server's word, not the clock's.
 */
export function usePaymentDeadline(redemption: RedemptionView): { left: number | null; expired: boolean } {
  const pending = redemption.status === 'pending_payment'
  const now = useNow(pending)
  const left = pending && redemption.paymentExpiresAt ? secondsUntil(redemption.paymentExpiresAt, now) : null
  const expired = left === 0
  useEffect(() => {
    if (expired) void useMallStore.getState().loadRedemption(redemption.id)
  }, [expired, redemption.id])
  return { left, expired }
}

/** Toasts why a pay or cancel action failed; a redemption that moved on meanwhile is fetched again. */
export function showActionFailure(toastId: string, redemptionId: string, fallback: string): void {
  const failure = useMallStore.getState().actionError
  Toast.show(toastId, { content: failure?.message ?? fallback, icon: 'fail' })
  if (failure?.code === 'REDEMPTION_NOT_PENDING') void useMallStore.getState().loadRedemption(redemptionId)
}
