import type { StateCreator } from 'zustand'
import type { ErrorCode, PaymentParams, RedeemBody, RedeemResponse, RedemptionView } from '@mc/shared'
import { ApiError, apiRequest, failureOf, type ApiFailure } from '../api/client'
import type { MallStore } from './mall.store'
import { clearRedeemKey, redeemKeyFor } from './redeem-key'
import { redemptionPath } from './redemptions-slice'

/** A write in flight on the mall pages; one at a time, so each button shows its own spinner. */
export type MallAction = 'redeem' | 'payment' | 'cancel' | 'local-pay'

/** Redeeming, paying and cancelling, and the redemption polled until its payment notice lands. */
export interface OrdersState {
  action: MallAction | null
  actionError: ApiFailure | null
  /** The redemption polled until its payment notice settles it; null when nothing is polled. */
  watching: string | null
}

export interface OrdersEvents {
  actionStarted(action: MallAction): void
  actionFailed(failure: ApiFailure): void
  actionDone(): void
  redeemed(response: RedeemResponse): void
  watchStopped(): void
}

/** Thunks resolve to null on failure; the failure is then in `actionError`. */
export interface OrdersThunks {
  /** Redeems with the Idempotency-Key saved for this exact body, so a retry after a lost answer posts once. */
  redeem(body: RedeemBody): Promise<RedeemResponse | null>
  cancelRedemption(redemptionId: string): Promise<RedemptionView | null>
  /** Fresh pay parameters for a redemption that still awaits payment. */
  requestPayment(redemptionId: string): Promise<{ redemption: RedemptionView; payment: PaymentParams } | null>
  /** The local provider's "confirm payment" (development and H5 demo). */
  confirmLocalPayment(redemptionId: string): Promise<RedemptionView | null>
  /**
   * Fetches the redemption now and then every `intervalMs` while it awaits payment, for up to `timeoutMs`,
   * until the payment notice has settled it or `watchStopped()` is called. Resolves to the last copy fetched.
   */
  watchRedemption(redemptionId: string, options?: { intervalMs?: number; timeoutMs?: number }): Promise<RedemptionView | null>
}

export type OrdersSlice = OrdersState & OrdersEvents & OrdersThunks

export const initialOrdersState = (): OrdersState => ({ action: null, actionError: null, watching: null })

/** Refusals that mean the item on screen is out of date; the item is fetched again so its state is the server's. */
const staleItemCodes = new Set<string>([
  'MALL_ITEM_SOLD_OUT', 'MALL_ITEM_TIER_LOCKED', 'MALL_LIMIT_REACHED', 'MALL_ITEM_NOT_STARTED', 'MALL_ITEM_ENDED',
  'MALL_ITEM_OFF_SALE', 'POINTS_INSUFFICIENT',
] satisfies ErrorCode[])

/** A 4xx is the server's final word on that key; no answer (status 0) or a 5xx may not have been applied. */
const isDefiniteRefusal = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export const createOrdersSlice: StateCreator<MallStore, [], [], OrdersSlice> = (set, get) => {
  async function act<T>(action: MallAction, call: () => Promise<T>): Promise<T | null> {
    get().actionStarted(action)
    try {
      const result = await call()
      get().actionDone()
      return result
    } catch (error) {
      get().actionFailed(failureOf(error))
      return null
    }
  }

  /** Posts to one of a redemption's actions; the fresh redemption in the answer replaces the one shown. */
  const post = async <T extends { redemption: RedemptionView }>(redemptionId: string, path: string): Promise<T> => {
    const answer = await apiRequest<T>('POST', redemptionPath(redemptionId, path))
    get().redemptionLoaded(answer.redemption)
    return answer
  }

  return {
    ...initialOrdersState(),

    actionStarted: (action) => set({ action, actionError: null }),
    actionFailed: (failure) => set({ action: null, actionError: failure }),
    actionDone: () => set({ action: null }),
    // The new redemption goes on top of "我的兑换" if that list is loaded, as the BFF lists newest first.
    redeemed: ({ redemption }) => set((s) => ({
      redemptionsById: { ...s.redemptionsById, [redemption.id]: redemption },
      redemptions: s.redemptionsLoaded && !s.redemptions.some((r) => r.id === redemption.id) ? [redemption, ...s.redemptions] : s.redemptions,
    })),
    watchStopped: () => set({ watching: null }),

    redeem: async (body) => {
      const key = redeemKeyFor(body)
      const response = await act('redeem', async () => {
        try {
          const answer = await apiRequest<RedeemResponse>('POST', '/api/mall/redemptions', body, { headers: { 'Idempotency-Key': key } })
          clearRedeemKey(body.itemId)
          return answer
        } catch (error) {
          if (isDefiniteRefusal(error)) clearRedeemKey(body.itemId)
          throw error
        }
      })
      if (response) get().redeemed(response)
      else if (staleItemCodes.has(get().actionError?.code ?? '')) void get().loadItem(body.itemId)
      return response
    },
    cancelRedemption: async (redemptionId) =>
      (await act('cancel', () => post<{ redemption: RedemptionView }>(redemptionId, '/cancel')))?.redemption ?? null,
    requestPayment: (redemptionId) =>
      act('payment', () => post<{ redemption: RedemptionView; payment: PaymentParams }>(redemptionId, '/payment')),
    confirmLocalPayment: async (redemptionId) =>
      (await act('local-pay', () => post<{ redemption: RedemptionView }>(redemptionId, '/local-pay')))?.redemption ?? null,

    watchRedemption: async (redemptionId, { intervalMs = 2000, timeoutMs = 30_000 } = {}) => {
      set({ watching: redemptionId })
      let latest: RedemptionView | null = null
      for (let waited = 0; get().watching === redemptionId; waited += intervalMs) {
        latest = (await get().loadRedemption(redemptionId)) ?? latest
        if ((latest && latest.status !== 'pending_payment') || waited >= timeoutMs) break
        await sleep(intervalMs)
      }
      if (get().watching === redemptionId) get().watchStopped()
      return latest
    },
  }
}
