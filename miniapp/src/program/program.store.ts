import { create } from 'zustand'
import type { TierView } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'

/** GET /api/program/tiers (public): the published program's `version` and its tiers, lowest first. */
export interface ProgramTiersResponse {
  version: number
  tiers: TierView[]
}

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

  loadTiers: async () => {
    get().tiersRequested()
    try {
      const response = await apiRequest<ProgramTiersResponse>('GET', '/api/program/tiers')
      get().tiersLoaded(response)
      return response
    } catch (error) {
      get().tiersFailed(failureOf(error))
      return null
    }
  },
}))

export const programSelectors = {
  tiers: (s: ProgramState) => s.tiers,
  isLoading: (s: ProgramState) => s.loading,
  errorMessage: (s: ProgramState) => s.error?.message ?? null,
}
