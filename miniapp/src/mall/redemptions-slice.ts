import type { StateCreator } from 'zustand'
import type { RedemptionsPage, RedemptionView } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'
import { byId } from './catalog-slice'
import type { MallStore } from './mall.store'

/** Why a page of redemptions is fetched: opening the list, scrolling on, or pulling down. */
export type FeedLoad = 'first' | 'more' | 'refresh'

/** Redemptions per request; the BFF allows up to 50. */
export const redemptionsPageSize = 20

/** "我的兑换" as far as the member has scrolled, newest first, and every redemption seen, by id. */
export interface RedemptionsState {
  redemptions: RedemptionView[]
  redemptionsCursor: string | null
  redemptionsLoaded: boolean
  redemptionsPending: FeedLoad | null
  redemptionsError: ApiFailure | null
  /** Bumped by every first load and refresh; a page fetched under an older one is dropped on arrival. */
  redemptionsGeneration: number
  redemptionsById: Record<string, RedemptionView>
  /** Id of the redemption being fetched, and the last detail fetch's failure. */
  redemptionPending: string | null
  redemptionError: ApiFailure | null
}

export interface RedemptionsEvents {
  redemptionsRequested(load: FeedLoad): void
  redemptionsPageLoaded(load: FeedLoad, page: RedemptionsPage, generation: number): void
  redemptionsFailed(failure: ApiFailure, generation: number): void
  redemptionRequested(redemptionId: string): void
  /** A fresh copy of one redemption from any endpoint; replaces it wherever it is shown. */
  redemptionLoaded(redemption: RedemptionView): void
  redemptionFailed(failure: ApiFailure): void
}

/** Thunks resolve to false (or null) on failure; the failure is then in `redemptionsError` or `redemptionError`. */
export interface RedemptionsThunks {
  openRedemptions(): Promise<boolean>
  /** Fetches the page after the last one shown; does nothing while a request runs or after the last page. */
  loadMoreRedemptions(): Promise<boolean>
  /** Fetches the first page again and replaces the list; on failure the old list stays on screen. */
  refreshRedemptions(): Promise<boolean>
  loadRedemption(redemptionId: string): Promise<RedemptionView | null>
}

export type RedemptionsSlice = RedemptionsState & RedemptionsEvents & RedemptionsThunks

export const initialRedemptionsState = (): RedemptionsState => ({
  redemptions: [], redemptionsCursor: null, redemptionsLoaded: false, redemptionsPending: null, redemptionsError: null,
  redemptionsGeneration: 0, redemptionsById: {}, redemptionPending: null, redemptionError: null,
})

export function redemptionsPath(cursor: string | null): string {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}&limit=${redemptionsPageSize}` : `?limit=${redemptionsPageSize}`
  return `/api/me/redemptions${query}`
}

export const redemptionPath = (redemptionId: string, action = '') => `/api/me/redemptions/${encodeURIComponent(redemptionId)}${action}`

export const createRedemptionsSlice: StateCreator<MallStore, [], [], RedemptionsSlice> = (set, get) => {
  async function fetchPage(load: FeedLoad): Promise<boolean> {
    get().redemptionsRequested(load)
    const { redemptionsGeneration: generation, redemptionsCursor } = get()
    try {
      const page = await apiRequest<RedemptionsPage>('GET', redemptionsPath(load === 'more' ? redemptionsCursor : null))
      get().redemptionsPageLoaded(load, page, generation)
      return true
    } catch (error) {
      get().redemptionsFailed(failureOf(error), generation)
      return false
    }
  }

  return {
    ...initialRedemptionsState(),

    redemptionsRequested: (load) => set((s) => ({
      ...(load === 'first' ? { redemptions: [], redemptionsCursor: null, redemptionsLoaded: false } : {}),
      redemptionsPending: load,
      redemptionsError: null,
      redemptionsGeneration: load === 'more' ? s.redemptionsGeneration : s.redemptionsGeneration + 1,
    })),
    redemptionsPageLoaded: (load, page, generation) => set((s) => {
      if (generation !== s.redemptionsGeneration) return {}
      return {
        redemptions: load === 'more' ? [...s.redemptions, ...page.redemptions] : page.redemptions,
        redemptionsCursor: page.nextCursor,
        redemptionsLoaded: true,
        redemptionsPending: null,
        redemptionsById: { ...s.redemptionsById, ...byId(page.redemptions) },
      }
    }),
    // What was already shown stays: a failed refresh or next page only adds the error.
    redemptionsFailed: (failure, generation) =>
      set((s) => (generation === s.redemptionsGeneration ? { redemptionsPending: null, redemptionsError: failure } : {})),
    redemptionRequested: (redemptionId) => set({ redemptionPending: redemptionId, redemptionError: null }),
    redemptionLoaded: (redemption) => set((s) => ({
      redemptionPending: s.redemptionPending === redemption.id ? null : s.redemptionPending,
      redemptionsById: { ...s.redemptionsById, [redemption.id]: redemption },
      redemptions: s.redemptions.map((r) => (r.id === redemption.id ? redemption : r)),
    })),
    redemptionFailed: (failure) => set({ redemptionPending: null, redemptionError: failure }),

    openRedemptions: () => fetchPage('first'),
    loadMoreRedemptions: async () => {
      const s = get()
      if (s.redemptionsPending !== null || !s.redemptionsLoaded || s.redemptionsCursor === null) return false
      return fetchPage('more')
    },
    refreshRedemptions: () => fetchPage(get().redemptionsLoaded ? 'refresh' : 'first'),
    loadRedemption: async (redemptionId) => {
      get().redemptionRequested(redemptionId)
      try {
        const { redemption } = await apiRequest<{ redemption: RedemptionView }>('GET', redemptionPath(redemptionId))
        get().redemptionLoaded(redemption)
        return redemption
      } catch (error) {
        get().redemptionFailed(failureOf(error))
        return null
      }
    },
  }
}
