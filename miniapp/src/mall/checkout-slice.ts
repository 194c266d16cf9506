import type { StateCreator } from 'zustand'
import type { ErrorCode, RedemptionView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { ApiError, call } from '../api/client'
import type { CheckoutSlice, CheckoutState, MallAction, MallStore } from './mall-types'
import { clearRedeemKey, redeemKeyFor } from './redeem-key'

export const initialCheckoutState = (): CheckoutState => ({ action: null, actionError: null, watching: null })

/** Refusals that mean the item on screen is out of date; the item is fetched again so its state is the server's. */
const staleItemCodes = new Set<string>([
  'MALL_ITEM_SOLD_OUT',
  'MALL_ITEM_TIER_LOCKED',
  'MALL_LIMIT_REACHED',
  'MALL_ITEM_NOT_STARTED',
  'MALL_ITEM_ENDED',
  'MALL_ITEM_OFF_SALE',
  'POINTS_INSUFFICIENT',
] satisfies ErrorCode[])

/** A 4xx is the server's final word on that key; no answer (status 0) or a 5xx may not have been applied. */
const isDefiniteRefusal = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export const createCheckoutSlice: StateCreator<MallStore, [], [], CheckoutSlice> = (set, get) => {
  const act = <T>(action: MallAction, request: () => Promise<T>) =>
    attempt(request, {
      started: () => get().actionStarted(action),
      done: get().actionDone,
      failed: get().actionFailed,
    })

  /** One of a redemption's actions; the fresh redemption in its answer replaces the one shown. */
  const actOn = <T extends { redemption: RedemptionView }>(action: MallAction, request: () => Promise<T>) =>
    attempt(request, {
      started: () => get().actionStarted(action),
      done: (answer) => {
        get().redemptionLoaded(answer.redemption)
        get().actionDone()
      },
      failed: get().actionFailed,
    })

  return {
    ...initialCheckoutState(),

    actionStarted: (action) => set({ action, actionError: null }),
    actionFailed: (failure) => set({ action: null, actionError: failure }),
    actionDone: () => set({ action: null }),
    // The new redemption goes on top of "我的兑换" if that list is loaded, as the BFF lists newest first.
    redeemed: ({ redemption }) =>
      set((s) => ({
        redemptionsById: { ...s.redemptionsById, [redemption.id]: redemption },
        redemptions:
          s.redemptionsLoaded && !s.redemptions.some((r) => r.id === redemption.id)
            ? [redemption, ...s.redemptions]
            : s.redemptions,
      })),
    watchStopped: () => set({ watching: null }),

    redeem: async (body) => {
      const key = redeemKeyFor(body)
      const response = await act('redeem', async () => {
        try {
          const answer = await call((api) =>
            api.mall.redemptions.$post({ header: { 'idempotency-key': key }, json: body }),
          )
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
    cancelRedemption: async (redemptionId) => {
      const answer = await actOn('cancel', () =>
        call((api) => api.me.redemptions[':redemptionId'].cancel.$post({ param: { redemptionId } })),
      )
      return answer?.redemption ?? null
    },
    requestPayment: (redemptionId) =>
      actOn('payment', () =>
        call((api) => api.me.redemptions[':redemptionId'].payment.$post({ param: { redemptionId } })),
      ),
    confirmLocalPayment: async (redemptionId) => {
      const answer = await actOn('local-pay', () =>
        call((api) => api.me.redemptions[':redemptionId']['local-pay'].$post({ param: { redemptionId } })),
      )
      return answer?.redemption ?? null
    },

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
