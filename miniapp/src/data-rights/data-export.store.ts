import { create } from 'zustand'
import type { MemberDataExport } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The member's data as the BFF last exported it (GET /api/me/export); the BFF stays the source of truth. */
export interface DataExportState {
  data: MemberDataExport | null
  pending: boolean
  error: ApiFailure | null
}

interface DataExportEvents {
  exportRequested(): void
  exportLoaded(data: MemberDataExport): void
  exportFailed(failure: ApiFailure): void
  /** Another member (or nobody) is logged in now: the previous member's data must not stay on screen. */
  sessionChanged(): void
}

interface DataExportThunks {
  /** Fetches the whole export; resolves true when it arrived. */
  loadExport(): Promise<boolean>
}

export type DataExportStore = DataExportState & DataExportEvents & DataExportThunks

export const initialDataExportState = (): DataExportState => ({ data: null, pending: false, error: null })

export const useDataExportStore = create<DataExportStore>()((set, get) => ({
  ...initialDataExportState(),
  exportRequested: () => set({ pending: true, error: null }),
  exportLoaded: (data) => set({ data, pending: false, error: null }),
  exportFailed: (failure) => set({ pending: false, error: failure }),
  sessionChanged: () => set(initialDataExportState()),
  loadExport: async () => {
    const data = await attempt(() => call((api) => api.me.export.$get()), {
      started: get().exportRequested,
      done: get().exportLoaded,
      failed: get().exportFailed,
    })
    return data !== null
  },
}))

onSessionChanged(() => useDataExportStore.getState().sessionChanged())
