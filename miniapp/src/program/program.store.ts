import { create } from 'zustand'
import type { TierView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type Api, type ApiFailure, type OkBody } from '../api/client'
import { onSessionChanged } from '../api/session'

/** GET /api/program/tiers (public): the published program's `version` and its tiers, lowest first. */
export type ProgramTiersResponse = OkBody<Awaited<ReturnType<Api['program']['tiers']['$get']>>>

/** The last fetched public ladder, for visitors who cannot read /api/me yet. */
export interface ProgramState {
  /** Null until the first answer arrives. */
  tiers: TierView[] | null
  version: number | null
  loading: boolean
  error: ApiFailure | null
}

interface ProgramEvents {
  tiersRequested(): void
  tiersLoaded(response: ProgramTiersResponse): void
  tiersFailed(failure: ApiFailure): void
  /** Another member (or nobody) is logged in now; the ladder is public, but every store starts afresh. */
  sessionChanged(): void
}

interface ProgramThunks {
  /** Resolves to null on failure; the failure is then in `error`. */
  loadTiers(): Promise<ProgramTiersResponse | null>
}

export type ProgramStore = ProgramState & ProgramEvents & ProgramThunks

export const initialProgramState = (): ProgramState => ({ tiers: null, version: null, loading: false, error: null })

export const useProgramStore = create<ProgramStore>()((set, get) => ({
  ...initialProgramState(),
  tiersRequested: () => set({ loading: true, error: null }),
  // An older snapshot stays on screen when a refresh fails; only the error is new.
  tiersLoaded: ({ version, tiers }) => set({ version, tiers, loading: false, error: null }),
  tiersFailed: (failure) => set({ loading: false, error: failure }),

  sessionChanged: () => set(initialProgramState()),

  // The ladder is the same for every member, so an answer that lands after a login is still good to show.
  loadTiers: () => attempt(() => call((api) => api.program.tiers.$get()), {
    memberBound: false,
    started: get().tiersRequested,
    done: get().tiersLoaded,
    failed: get().tiersFailed,
  }),
}))

onSessionChanged(() => useProgramStore.getState().sessionChanged())

export const programSelectors = {
  tiers: (s: ProgramState) => s.tiers,
  isLoading: (s: ProgramState) => s.loading,
  errorMessage: (s: ProgramState) => s.error?.message ?? null,
}
