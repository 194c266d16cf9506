import { create } from 'zustand'
import type { MemberCodeVerification, StaffLoginResponse, StaffPurchaseOutcome } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'
import { readStaffSession, removeStaffSession, saveStaffSession, type StaffSession } from './staff-session'

export type StaffRequest = 'login' | 'verify' | 'purchase' | 'logout'

/** The till: staff session, the member just scanned and the last purchase recorded for them. */
export interface StaffState {
  session: StaffSession | null
  verification: MemberCodeVerification | null
  outcome: StaffPurchaseOutcome | null
  pending: StaffRequest | null
  error: ApiFailure | null
}

interface StaffEvents {
  requestStarted(request: StaffRequest): void
  requestFailed(failure: ApiFailure): void
  staffLoggedIn(response: StaffLoginResponse): void
  memberVerified(verification: MemberCodeVerification): void
  purchaseRecorded(outcome: StaffPurchaseOutcome): void
  /** Back to the scanner for the next shopper. */
  tillCleared(): void
  staffLoggedOut(): void
}

interface StaffThunks {
  login(phone: string, pin: string): Promise<StaffLoginResponse | null>
  verifyCode(code: string): Promise<MemberCodeVerification | null>
  /** Records a purchase for the verified member; `receiptNo` is the idempotency key, so a retry posts once. */
  recordPurchase(amountFen: number, receiptNo: string): Promise<StaffPurchaseOutcome | null>
  logout(): Promise<void>
}

export type StaffStore = StaffState & StaffEvents & StaffThunks

export const initialStaffState = (): StaffState => ({
  session: readStaffSession(), verification: null, outcome: null, pending: null, error: null,
})

export const useStaffStore = create<StaffStore>()((set, get) => {
  async function attempt<T>(request: StaffRequest, call: (token: string | null) => Promise<T>, done: (result: T) => void) {
    get().requestStarted(request)
    try {
      const result = await call(get().session?.token ?? null)
      done(result)
      return result
    } catch (error) {
      const failure = failureOf(error)
      // An expired or revoked staff token sends the till back to its login; the member session is untouched.
      if (failure.code === 'UNAUTHENTICATED' && request !== 'login') {
        removeStaffSession()
        set({ session: null })
      }
      get().requestFailed(failure)
      return null
    }
  }

  return {
    ...initialStaffState(),
    requestStarted: (request) => set({ pending: request, error: null }),
    requestFailed: (failure) => set({ pending: null, error: failure }),
    staffLoggedIn: ({ token, expiresAt, staff }) => {
      saveStaffSession({ token, expiresAt, staff })
      set({ session: { token, expiresAt, staff }, verification: null, outcome: null, pending: null, error: null })
    },
    memberVerified: (verification) => set({ verification, outcome: null, pending: null, error: null }),
    purchaseRecorded: (outcome) => set({ outcome, pending: null, error: null }),
    tillCleared: () => set({ verification: null, outcome: null, error: null }),
    staffLoggedOut: () => {
      removeStaffSession()
      set({ session: null, verification: null, outcome: null, pending: null, error: null })
    },

    login: (phone, pin) =>
      attempt('login', (token) => apiRequest<StaffLoginResponse>('POST', '/api/staff/login', { phone, pin }, { token }), get().staffLoggedIn),
    verifyCode: (code) =>
      attempt('verify', (token) =>
        apiRequest<MemberCodeVerification>('POST', '/api/staff/member-code/verify', { code: code.replace(/[\s-]/g, '') }, { token }),
      get().memberVerified),
    recordPurchase: (amountFen, receiptNo) => {
      const memberId = get().verification?.member.memberId
      return attempt('purchase', (token) =>
        apiRequest<StaffPurchaseOutcome>('POST', '/api/staff/purchases', { memberId, amountFen, receiptNo: receiptNo.trim() }, { token }),
      get().purchaseRecorded)
    },
    logout: async () => {
      await attempt('logout', (token) => apiRequest<{ loggedOut: true }>('POST', '/api/staff/logout', undefined, { token }), () => undefined)
      get().staffLoggedOut()
    },
  }
})

/** "86.5" → 8650 fen; null for anything that is not a positive amount with at most two decimals. */
export function fenFromYuan(text: string): number | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return null
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return fen > 0 ? fen : null
}

export const staffSelectors = {
  isLoggedIn: (s: StaffState) => s.session !== null,
  staffName: (s: StaffState) => s.session?.staff.name ?? null,
  outletName: (s: StaffState) => s.session?.staff.outlet.name ?? null,
  isLoading: (s: StaffState, request: StaffRequest) => s.pending === request,
}
