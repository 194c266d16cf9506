import { create } from 'zustand'
import type { TierView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type Api, type ApiFailure, type OkBody } from '../api/client'
import { onSessionChanged } from '../api/session'

/** GET /api/program/tiers (public): the published program's `version` and its tiers, lowest first. */
export type TierLadderResponse = OkBody<Awaited<ReturnType<Api['program']['tiers']['$get']>>>

/** The last fetched public ladder, for visitors who cannot read /api/me yet. */
export interface TiersState {
  /** Null until the first answer arrives. */
  tiers: TierView[] | null
  version: number | null
  loading: boolean
  error: ApiFailure | null
}

interface TiersEvents {
  tiersRequested(): void
  tiersLoaded(response: TierLadderResponse): void
  tiersFailed(failure: ApiFailure): void
  /** Another member (or nobody) is logged in now; the ladder is public, but every store starts afresh. */
  sessionChanged(): void
}

interface TiersThunks {
  /** Resolves to null on failure; the failure is then in `error`. */
  loadTiers(): Promise<TierLadderResponse | null>
}

export type TiersStore = TiersState & TiersEvents & TiersThunks

export const initialTiersState = (): TiersState => ({ tiers: null, version: null, loading: false, error: null })

export const useTiersStore = create<TiersStore>()((set, get) => ({
  ...initialTiersState(),
  tiersRequested: () => set({ loading: true, error: null }),
  // An older snapshot stays on screen when a refresh fails; only the error is new.
  tiersLoaded: ({ version, tiers }) => set({ version, tiers, loading: false, error: null }),
  tiersFailed: (failure) => set({ loading: false, error: failure }),

  sessionChanged: () => set(initialTiersState()),

  // The ladder is the same for every member, so an answer that lands after a login is still good to show.
  loadTiers: () =>
    attempt(() => call((api) => api.program.tiers.$get()), {
      memberBound: false,
      started: get().tiersRequested,
      done: get().tiersLoaded,
      failed: get().tiersFailed,
    }),
}))

onSessionChanged(() => useTiersStore.getState().sessionChanged())

export const tiersSelectors = {
  tiers: (s: TiersState) => s.tiers,
  isLoading: (s: TiersState) => s.loading,
  errorMessage: (s: TiersState) => s.error?.message ?? null,
}
