import type { StateCreator } from 'zustand'
import { attempt } from '../api/attempt'
import { call } from '../api/client'
import { byId } from './catalog-slice'
import type { FeedLoad, MallStore, RedemptionsSlice, RedemptionsState } from './mall-types'

/** Redemptions per request; the BFF allows up to 50. */
export const redemptionsPageSize = 20

export const initialRedemptionsState = (): RedemptionsState => ({
  redemptions: [],
  redemptionsCursor: null,
  redemptionsLoaded: false,
  redemptionsPending: null,
  redemptionsError: null,
  redemptionsGeneration: 0,
  redemptionsById: {},
  redemptionPending: null,
  redemptionError: null,
})

/** The query of one page of redemptions: the first without a cursor, the next after `cursor`. */
const pageQuery = (cursor: string | null) => ({ ...(cursor ? { cursor } : {}), limit: String(redemptionsPageSize) })

export const createRedemptionsSlice: StateCreator<MallStore, [], [], RedemptionsSlice> = (set, get) => {
  async function fetchPage(load: FeedLoad): Promise<boolean> {
    let generation = 0
    const query = pageQuery(load === 'more' ? get().redemptionsCursor : null)
    const page = await attempt(() => call((api) => api.me.redemptions.$get({ query })), {
      started: () => {
        get().redemptionsRequested(load)
        generation = get().redemptionsGeneration
      },
      done: (answer) => get().redemptionsPageLoaded(load, answer, generation),
      failed: (failure) => get().redemptionsFailed(failure, generation),
    })
    return page !== null
  }

  return {
    ...initialRedemptionsState(),

    redemptionsRequested: (load) =>
      set((s) => ({
        ...(load === 'first' ? { redemptions: [], redemptionsCursor: null, redemptionsLoaded: false } : {}),
        redemptionsPending: load,
        redemptionsError: null,
        redemptionsGeneration: load === 'more' ? s.redemptionsGeneration : s.redemptionsGeneration + 1,
      })),
    redemptionsPageLoaded: (load, page, generation) =>
      set((s) => {
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
      set((s) =>
        generation === s.redemptionsGeneration ? { redemptionsPending: null, redemptionsError: failure } : {},
      ),
    redemptionRequested: (redemptionId) => set({ redemptionPending: redemptionId, redemptionError: null }),
    redemptionLoaded: (redemption) =>
      set((s) => ({
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
      const answer = await attempt(
        () => call((api) => api.me.redemptions[':redemptionId'].$get({ param: { redemptionId } })),
        {
          started: () => get().redemptionRequested(redemptionId),
          done: ({ redemption }) => get().redemptionLoaded(redemption),
          failed: get().redemptionFailed,
        },
      )
      return answer?.redemption ?? null
    },
  }
}
