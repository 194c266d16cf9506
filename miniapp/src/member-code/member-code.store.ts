import { create } from 'zustand'
import type { MemberCodeResponse } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The code on screen right now; a new one is fetched when it expires. */
export interface MemberCodeState {
  code: MemberCodeResponse | null
  pending: boolean
  error: ApiFailure | null
}

interface MemberCodeEvents {
  codeRequested(): void
  codeIssued(code: MemberCodeResponse): void
  codeFailed(failure: ApiFailure): void
  /** The page closed or the member changed: a stale code must never be shown again. */
  codeHidden(): void
}

interface MemberCodeThunks {
  loadCode(): Promise<MemberCodeResponse | null>
}

export type MemberCodeStore = MemberCodeState & MemberCodeEvents & MemberCodeThunks

export const initialMemberCodeState = (): MemberCodeState => ({ code: null, pending: false, error: null })

export const useMemberCodeStore = create<MemberCodeStore>()((set, get) => ({
  ...initialMemberCodeState(),
  codeRequested: () => set({ pending: true, error: null }),
  codeIssued: (code) => set({ code, pending: false, error: null }),
  // A failed refresh drops the old code too: an expired code on screen would only be refused at the till.
  codeFailed: (failure) => set({ code: null, pending: false, error: failure }),
  codeHidden: () => set(initialMemberCodeState()),
  loadCode: () =>
    attempt(() => call((api) => api.me['member-code'].$get()), {
      started: get().codeRequested,
      done: get().codeIssued,
      failed: get().codeFailed,
    }),
}))

// Another member's code must never be shown, nor one issued to the member who just logged out.
onSessionChanged(() => useMemberCodeStore.getState().codeHidden())

/** "912345678901234567" → "9123 4567 8901 2345 67", as a cashier reads it aloud or types it. */
export function groupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** Whole seconds left until `expiresAt` (never below 0). */
export function secondsLeft(expiresAt: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - nowMs) / 1000))
}

export const memberCodeSelectors = {
  groupedCode: (s: MemberCodeState) => (s.code ? groupCode(s.code.code) : null),
  expiresAt: (s: MemberCodeState) => s.code?.expiresAt ?? null,
}
