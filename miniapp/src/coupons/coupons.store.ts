import { create } from 'zustand'
import type { CouponsPage, CouponStatus, CouponView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** Coupons per request of the wallet. */
export const couponPageSize = 20

/** One tab of the wallet as far as it was paged. */
export interface CouponTab {
  coupons: CouponView[]
  /** How many coupons the status holds in all, as of the last first page. */
  total: number
  nextCursor: string | null
  loaded: boolean
  /** The page in flight: the first (replacing the list) or the next one; false when none is. */
  pending: 'first' | 'more' | false
  error: ApiFailure | null
  /** Bumped by every first load, so a next page asked for before it is dropped when it arrives. */
  generation: number
}

/** The member's coupons by status (the wallet's tabs), and the available count the home page shows. */
export interface CouponsState {
  tabs: Record<CouponStatus, CouponTab>
  /** 优惠券 N 张 on home; null until fetched. */
  availableCount: number | null
}

interface CouponsEvents {
  tabRequested(status: CouponStatus, load: 'first' | 'more'): void
  tabLoaded(status: CouponStatus, load: 'first' | 'more', page: CouponsPage, generation: number): void
  tabFailed(status: CouponStatus, failure: ApiFailure, generation: number): void
  countLoaded(count: number): void
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

interface CouponsThunks {
  /** The first page of a tab again (opening the tab, a pull-down). */
  loadTab(status: CouponStatus): Promise<boolean>
  /** The next page of a tab; false (and no request) when there is none or one is in flight. */
  loadMore(status: CouponStatus): Promise<boolean>
  /** How many coupons are usable now, for home; one coupon is fetched for it. */
  loadAvailableCount(): Promise<boolean>
}

export type CouponsStore = CouponsState & CouponsEvents & CouponsThunks

const emptyTab = (): CouponTab => ({
  coupons: [],
  total: 0,
  nextCursor: null,
  loaded: false,
  pending: false,
  error: null,
  generation: 0,
})

export const initialCouponsState = (): CouponsState => ({
  tabs: { available: emptyTab(), used: emptyTab(), expired: emptyTab() },
  availableCount: null,
})

export const useCouponsStore = create<CouponsStore>()((set, get) => {
  const patchTab = (status: CouponStatus, patch: (tab: CouponTab) => Partial<CouponTab>) =>
    set((s) => ({ tabs: { ...s.tabs, [status]: { ...s.tabs[status], ...patch(s.tabs[status]) } } }))

  async function fetchPage(status: CouponStatus, load: 'first' | 'more'): Promise<boolean> {
    const tab = get().tabs[status]
    const generation = load === 'first' ? tab.generation + 1 : tab.generation
    const cursor = load === 'more' ? tab.nextCursor : null
    const query = { status, limit: String(couponPageSize), ...(cursor ? { cursor } : {}) }
    const page = await attempt(() => call((api) => api.me.coupons.$get({ query })), {
      started: () => {
        get().tabRequested(status, load)
        if (load === 'first') patchTab(status, () => ({ generation }))
      },
      done: (result) => get().tabLoaded(status, load, result, generation),
      failed: (failure) => get().tabFailed(status, failure, generation),
    })
    return page !== null
  }

  return {
    ...initialCouponsState(),
    tabRequested: (status, load) => patchTab(status, () => ({ pending: load, error: null })),
    tabLoaded: (status, load, page, generation) =>
      patchTab(status, (tab) => {
        if (generation !== tab.generation) return {}
        return {
          coupons: load === 'first' ? page.coupons : [...tab.coupons, ...page.coupons],
          total: page.total,
          nextCursor: page.nextCursor,
          loaded: true,
          pending: false,
          error: null,
        }
      }),
    tabFailed: (status, failure, generation) =>
      patchTab(status, (tab) => (generation === tab.generation ? { pending: false, error: failure } : {})),
    countLoaded: (count) => set({ availableCount: count }),
    sessionChanged: () => set(initialCouponsState()),

    loadTab: (status) => fetchPage(status, 'first'),
    loadMore: async (status) => {
      const tab = get().tabs[status]
      if (tab.pending || tab.nextCursor === null) return false
      return fetchPage(status, 'more')
    },
    loadAvailableCount: async () => {
      const page = await attempt(
        () => call((api) => api.me.coupons.$get({ query: { status: 'available', limit: '1' } })),
        { started: () => undefined, done: (result) => get().countLoaded(result.total), failed: () => undefined },
      )
      return page !== null
    },
  }
})

onSessionChanged(() => useCouponsStore.getState().sessionChanged())
