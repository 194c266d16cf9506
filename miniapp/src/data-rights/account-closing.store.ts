import { create } from 'zustand'
import type { AccountClosed, ClosingPreview } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** What closing the account would lose (GET /api/me/closing), the member's tick, and the closing's outcome. */
export interface AccountClosingState {
  preview: ClosingPreview | null
  /** The member ticked "我已知晓并同意放弃以上积分、优惠券和等级". */
  acknowledged: boolean
  pending: 'preview' | 'close' | null
  error: ApiFailure | null
  closed: AccountClosed | null
}

interface AccountClosingEvents {
  previewRequested(): void
  previewLoaded(preview: ClosingPreview): void
  acknowledgementToggled(): void
  closeRequested(): void
  accountClosed(closed: AccountClosed): void
  requestFailed(failure: ApiFailure): void
  sessionChanged(): void
}

interface AccountClosingThunks {
  loadPreview(): Promise<boolean>
  /** Closes with the points the member was shown; resolves true when closed. */
  closeAccount(): Promise<boolean>
}

export type AccountClosingStore = AccountClosingState & AccountClosingEvents & AccountClosingThunks

export const initialAccountClosingState = (): AccountClosingState => ({
  preview: null,
  acknowledged: false,
  pending: null,
  error: null,
  closed: null,
})

export const accountClosingSelectors = {
  /** The button works only once the preview allows it and the member ticked the acknowledgement. */
  canSubmit: (s: AccountClosingState) => s.preview?.canClose === true && s.acknowledged && s.pending === null,
}

export const useAccountClosingStore = create<AccountClosingStore>()((set, get) => ({
  ...initialAccountClosingState(),
  previewRequested: () => set({ pending: 'preview', error: null }),
  previewLoaded: (preview) => set({ preview, pending: null, error: null }),
  acknowledgementToggled: () => set({ acknowledged: !get().acknowledged }),
  closeRequested: () => set({ pending: 'close', error: null }),
  accountClosed: (closed) => set({ closed, pending: null, error: null }),
  requestFailed: (failure) => set({ pending: null, error: failure }),
  sessionChanged: () => set((s) => ({ ...initialAccountClosingState(), closed: s.closed })),
  loadPreview: async () => {
    const preview = await attempt(() => call((api) => api.me.closing.$get()), {
      started: get().previewRequested,
      done: get().previewLoaded,
      failed: get().requestFailed,
    })
    return preview !== null
  },
  closeAccount: async () => {
    const { preview, acknowledged } = get()
    if (preview === null) return false
    const closed = await attempt(
      () => call((api) => api.me.closing.$post({ json: { confirm: acknowledged, points: preview.points } })),
      { started: get().closeRequested, done: get().accountClosed, failed: get().requestFailed },
    )
    return closed !== null
  },
}))

onSessionChanged(() => useAccountClosingStore.getState().sessionChanged())
