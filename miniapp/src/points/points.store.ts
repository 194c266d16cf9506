import { create } from 'zustand'
import type { ExpiringPoints, HistoryPage, LotExtension, MemberHistoryEntry } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The two ledgers a member can page through: 成长值 and 积分. */
export type HistoryType = 'growth' | 'points'

export const historyTypes: readonly HistoryType[] = ['growth', 'points']

/** Entries per request; the BFF allows up to 50. */
export const historyPageSize = 20

/** Why a page is being fetched: the first page on opening, the next page on scrolling, or a pull-down refresh. */
export type HistoryLoad = 'first' | 'more' | 'refresh'

/** One ledger's history as far as the member has scrolled, newest first. */
export interface HistoryFeed {
  entries: MemberHistoryEntry[]
  /** Cursor for the next page; null before the first page and after the last one. */
  nextCursor: string | null
  /** True once a page has arrived, so an empty `entries` means "no records" rather than "not loaded yet". */
  loaded: boolean
  pending: HistoryLoad | null
  error: ApiFailure | null
  /**
   * Bumped by every first load and refresh. A page requested under an older generation is dropped when it
   * arrives, so a slow "more" can never append to a list that a refresh has since replaced.
   */
  generation: number
}

/** Last fetched snapshots of both histories and of the points about to lapse; the BFF stays the source of truth. */
export interface PointsState {
  histories: Record<HistoryType, HistoryFeed>
  expiring: ExpiringPoints | null
  expiringPending: boolean
  expiringError: ApiFailure | null
  /** The lot whose extension is on its way; null when none is. */
  extendingLotId: string | null
  extensionError: ApiFailure | null
}

interface PointsEvents {
  historyRequested(type: HistoryType, load: HistoryLoad): void
  historyPageLoaded(type: HistoryType, load: HistoryLoad, page: HistoryPage, generation: number): void
  historyFailed(type: HistoryType, failure: ApiFailure, generation: number): void
  expiringRequested(): void
  expiringLoaded(expiring: ExpiringPoints): void
  expiringFailed(failure: ApiFailure): void
  lotExtensionRequested(lotId: string): void
  lotExtended(extension: LotExtension): void
  lotExtensionFailed(failure: ApiFailure): void
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

/** Thunks resolve to true when the request succeeded; a failure is then in the feed's `error`. */
interface PointsThunks {
  /** Opens a history afresh: forgets what was shown (it may be another member's) and fetches the first page. */
  openHistory(type: HistoryType): Promise<boolean>
  /** Fetches the page after the last one shown; does nothing while a request runs or after the last page. */
  loadMoreHistory(type: HistoryType): Promise<boolean>
  /** Fetches the first page again and replaces the list; on failure the old list stays on screen. */
  refreshHistory(type: HistoryType): Promise<boolean>
  loadExpiring(): Promise<boolean>
  /** Spends points to push one lot's expiry back, then fetches the expiring list again; null on failure. */
  extendLot(lotId: string): Promise<LotExtension | null>
}

export type PointsStore = PointsState & PointsEvents & PointsThunks

const emptyFeed = (): HistoryFeed => ({
  entries: [],
  nextCursor: null,
  loaded: false,
  pending: null,
  error: null,
  generation: 0,
})

export const initialPointsState = (): PointsState => ({
  histories: { growth: emptyFeed(), points: emptyFeed() },
  expiring: null,
  expiringPending: false,
  expiringError: null,
  extendingLotId: null,
  extensionError: null,
})

/** The query of one history page: the first without a cursor, the next after `cursor`. */
const pageQuery = (cursor: string | null) => ({ ...(cursor ? { cursor } : {}), limit: String(historyPageSize) })

export const usePointsStore = create<PointsStore>()((set, get) => {
  const updateFeed = (type: HistoryType, change: (feed: HistoryFeed) => Partial<HistoryFeed>) =>
    set((s) => ({ histories: { ...s.histories, [type]: { ...s.histories[type], ...change(s.histories[type]) } } }))

  async function fetchPage(type: HistoryType, load: HistoryLoad): Promise<boolean> {
    let generation = 0
    const query = pageQuery(load === 'more' ? get().histories[type].nextCursor : null)
    const page = await attempt(
      () => call((api) => (type === 'growth' ? api.me.growth : api.me.points).$get({ query })),
      {
        started: () => {
          get().historyRequested(type, load)
          generation = get().histories[type].generation
        },
        done: (answer) => get().historyPageLoaded(type, load, answer, generation),
        failed: (failure) => get().historyFailed(type, failure, generation),
      },
    )
    return page !== null
  }

  return {
    ...initialPointsState(),

    historyRequested: (type, load) =>
      updateFeed(type, (feed) => ({
        ...(load === 'first' ? { ...emptyFeed() } : {}),
        pending: load,
        error: null,
        generation: load === 'more' ? feed.generation : feed.generation + 1,
      })),
    historyPageLoaded: (type, load, page, generation) =>
      updateFeed(type, (feed) => {
        if (generation !== feed.generation) return {}
        const entries = load === 'more' ? [...feed.entries, ...page.entries] : page.entries
        return { entries, nextCursor: page.nextCursor, loaded: true, pending: null, error: null }
      }),
    // What was already shown stays: a failed refresh or next page only adds the error.
    historyFailed: (type, failure, generation) =>
      updateFeed(type, (feed) => (generation === feed.generation ? { pending: null, error: failure } : {})),
    expiringRequested: () => set({ expiringPending: true, expiringError: null }),
    expiringLoaded: (expiring) => set({ expiring, expiringPending: false, expiringError: null }),
    expiringFailed: (failure) => set({ expiringPending: false, expiringError: failure }),
    lotExtensionRequested: (lotId) => set({ extendingLotId: lotId, extensionError: null }),
    lotExtended: () => set({ extendingLotId: null, extensionError: null }),
    lotExtensionFailed: (failure) => set({ extendingLotId: null, extensionError: failure }),
    // Generations keep counting up, so a page still in flight for the previous member is dropped on arrival.
    sessionChanged: () =>
      set((s) => ({
        ...initialPointsState(),
        histories: {
          growth: { ...emptyFeed(), generation: s.histories.growth.generation + 1 },
          points: { ...emptyFeed(), generation: s.histories.points.generation + 1 },
        },
      })),

    openHistory: (type) => fetchPage(type, 'first'),
    loadMoreHistory: async (type) => {
      const feed = get().histories[type]
      if (feed.pending !== null || !feed.loaded || feed.nextCursor === null) return false
      return fetchPage(type, 'more')
    },
    refreshHistory: (type) => fetchPage(type, get().histories[type].loaded ? 'refresh' : 'first'),
    loadExpiring: async () => {
      const expiring = await attempt(() => call((api) => api.me.points.expiring.$get()), {
        started: get().expiringRequested,
        done: get().expiringLoaded,
        failed: get().expiringFailed,
      })
      return expiring !== null
    },
    extendLot: async (lotId) => {
      if (get().extendingLotId !== null) return null
      const extension = await attempt(
        () => call((api) => api.me.points.lots[':lotId'].extension.$post({ param: { lotId } })),
        {
          started: () => get().lotExtensionRequested(lotId),
          done: get().lotExtended,
          failed: get().lotExtensionFailed,
        },
      )
      if (extension !== null) await get().loadExpiring()
      return extension
    },
  }
})

onSessionChanged(() => usePointsStore.getState().sessionChanged())

/** Reads for components; pass the history type where one is needed. */
export const pointsSelectors = {
  entries: (s: PointsState, type: HistoryType) => s.histories[type].entries,
  /** More pages exist beyond those shown. */
  hasMore: (s: PointsState, type: HistoryType) => s.histories[type].nextCursor !== null,
  /** Loaded, and the ledger has no entries at all. */
  isEmpty: (s: PointsState, type: HistoryType) => s.histories[type].loaded && s.histories[type].entries.length === 0,
  /** Nothing to show yet because the first page is on its way. */
  isLoadingFirst: (s: PointsState, type: HistoryType) =>
    !s.histories[type].loaded && s.histories[type].pending !== null,
  isLoadingMore: (s: PointsState, type: HistoryType) => s.histories[type].pending === 'more',
  isRefreshing: (s: PointsState, type: HistoryType) => s.histories[type].pending === 'refresh',
  /** The first page failed, so there is nothing to show but the error. */
  firstLoadFailed: (s: PointsState, type: HistoryType) => !s.histories[type].loaded && s.histories[type].error !== null,
  errorMessage: (s: PointsState, type: HistoryType) => s.histories[type].error?.message ?? null,
  expiring: (s: PointsState) => s.expiring,
  expiringErrorMessage: (s: PointsState) => s.expiringError?.message ?? null,
  extensionErrorMessage: (s: PointsState) => s.extensionError?.message ?? null,
}
