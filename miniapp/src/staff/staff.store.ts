import { create } from 'zustand'
import type {
  MemberCodeVerification,
  PickupVerification,
  StaffLoginResponse,
  StaffPurchaseOutcome,
  TillBenefits,
} from '@mc/shared'
import { attempt } from '../api/attempt'
import { ApiError, call, type ApiFailure } from '../api/client'
import { fenFromYuanText } from '../format'
import { readStaffSession, removeStaffSession, saveStaffSession, type StaffSession } from './staff-session'

export type StaffRequest = 'login' | 'verify' | 'benefits' | 'purchase' | 'logout' | 'pickup'

/**
 * The till: staff session, the member just scanned and the last purchase recorded for them; and on the pickup
 * page the last pickup verified, or when an already used code was refused, the time it was picked up.
 */
export interface StaffState {
  session: StaffSession | null
  verification: MemberCodeVerification | null
  /** The scanned member's usable coupons and member price; null until loaded (or if loading failed). */
  benefits: TillBenefits | null
  /** The coupon code the staff chose to apply to this purchase, if any. */
  couponCode: string | null
  outcome: StaffPurchaseOutcome | null
  pickup: PickupVerification | null
  pickupUsedAt: string | null
  pending: StaffRequest | null
  error: ApiFailure | null
}

interface StaffEvents {
  requestStarted(request: StaffRequest): void
  requestFailed(failure: ApiFailure): void
  staffLoggedIn(response: StaffLoginResponse): void
  memberVerified(verification: MemberCodeVerification): void
  benefitsLoaded(benefits: TillBenefits): void
  /** The staff picked a coupon for this purchase, or took it off (null). */
  couponChosen(code: string | null): void
  purchaseRecorded(outcome: StaffPurchaseOutcome): void
  /** Back to the scanner for the next shopper. */
  tillCleared(): void
  pickupVerified(pickup: PickupVerification): void
  /** PICKUP_CODE_USED: the code was picked up at `pickedUpAt` (null when the BFF did not say). */
  pickupAlreadyUsed(pickedUpAt: string | null): void
  /** Back to an empty pickup form for the next code. */
  pickupCleared(): void
  staffLoggedOut(): void
}

interface StaffThunks {
  login(phone: string, pin: string): Promise<StaffLoginResponse | null>
  verifyCode(code: string): Promise<MemberCodeVerification | null>
  /** Loads the verified member's coupons and member price for the till. */
  loadBenefits(): Promise<TillBenefits | null>
  /** Records a purchase for the verified member; `receiptNo` is the idempotency key, so a retry posts once. */
  recordPurchase(amountFen: number, receiptNo: string): Promise<StaffPurchaseOutcome | null>
  /** Verifies a member's 10-digit pickup code and marks the item handed over. */
  verifyPickup(code: string): Promise<PickupVerification | null>
  logout(): Promise<void>
}

export type StaffStore = StaffState & StaffEvents & StaffThunks

export const initialStaffState = (): StaffState => ({
  session: readStaffSession(),
  verification: null,
  benefits: null,
  couponCode: null,
  outcome: null,
  pickup: null,
  pickupUsedAt: null,
  pending: null,
  error: null,
})

export const useStaffStore = create<StaffStore>()((set, get) => {
  /**
   * One till request with the staff token (never the member's). The till is not the member's, so its answers
   * are kept whoever logs in as a member meanwhile, and a member login or logout leaves the till as it is.
   */
  const attemptAsStaff = <T>(
    request: StaffRequest,
    send: (token: string | null) => Promise<T>,
    done: (result: T) => void,
  ) =>
    attempt(() => send(get().session?.token ?? null), {
      memberBound: false,
      started: () => get().requestStarted(request),
      done,
      failed: (failure) => {
        // An expired or revoked staff token sends the till back to its login; the member session is untouched.
        if (failure.code === 'UNAUTHENTICATED' && request !== 'login') {
          removeStaffSession()
          set({ session: null })
        }
        get().requestFailed(failure)
      },
    })

  return {
    ...initialStaffState(),
    requestStarted: (request) => set({ pending: request, error: null }),
    requestFailed: (failure) => set({ pending: null, error: failure }),
    staffLoggedIn: ({ token, expiresAt, staff }) => {
      saveStaffSession({ token, expiresAt, staff })
      set({ session: { token, expiresAt, staff }, verification: null, outcome: null, pending: null, error: null })
    },
    memberVerified: (verification) =>
      set({ verification, benefits: null, couponCode: null, outcome: null, pending: null, error: null }),
    benefitsLoaded: (benefits) => set({ benefits, pending: null, error: null }),
    couponChosen: (code) => set({ couponCode: code }),
    purchaseRecorded: (outcome) => set({ outcome, pending: null, error: null }),
    tillCleared: () => set({ verification: null, benefits: null, couponCode: null, outcome: null, error: null }),
    pickupVerified: (pickup) => set({ pickup, pickupUsedAt: null, pending: null, error: null }),
    pickupAlreadyUsed: (pickedUpAt) => set({ pickupUsedAt: pickedUpAt }),
    pickupCleared: () => set({ pickup: null, pickupUsedAt: null, error: null }),
    staffLoggedOut: () => {
      removeStaffSession()
      set({
        session: null,
        verification: null,
        benefits: null,
        couponCode: null,
        outcome: null,
        pickup: null,
        pickupUsedAt: null,
        pending: null,
        error: null,
      })
    },

    login: (phone, pin) =>
      attemptAsStaff(
        'login',
        (token) => call((api) => api.staff.login.$post({ json: { phone, pin } }), { token }),
        get().staffLoggedIn,
      ),
    verifyCode: (code) =>
      attemptAsStaff(
        'verify',
        (token) =>
          call((api) => api.staff['member-code'].verify.$post({ json: { code: code.replace(/[\s-]/g, '') } }), {
            token,
          }),
        get().memberVerified,
      ),
    loadBenefits: () => {
      const memberId = get().verification?.member.memberId ?? ''
      return attemptAsStaff(
        'benefits',
        (token) => call((api) => api.staff.till.benefits.$get({ query: { memberId } }), { token }),
        get().benefitsLoaded,
      )
    },
    recordPurchase: (amountFen, receiptNo) => {
      const memberId = get().verification?.member.memberId
      const couponCode = get().couponCode ?? undefined
      return attemptAsStaff(
        'purchase',
        (token) =>
          call(
            (api) =>
              api.staff.purchases.$post({ json: { memberId, amountFen, receiptNo: receiptNo.trim(), couponCode } }),
            { token },
          ),
        get().purchaseRecorded,
      )
    },
    verifyPickup: (code) => {
      set({ pickup: null, pickupUsedAt: null })
      return attemptAsStaff(
        'pickup',
        async (token) => {
          try {
            return await call((api) => api.staff.pickups.verify.$post({ json: { code: code.replace(/[\s-]/g, '') } }), {
              token,
            })
          } catch (error) {
            if (error instanceof ApiError && error.code === 'PICKUP_CODE_USED')
              get().pickupAlreadyUsed(pickedUpAtOf(error.details))
            // The shopper chose another store: name it, so staff can send them there.
            const outletName = error instanceof ApiError ? error.details?.outletName : undefined
            if (error instanceof ApiError && error.code === 'PICKUP_WRONG_OUTLET' && typeof outletName === 'string') {
              throw new ApiError(
                error.status,
                error.code,
                `该订单选择在「${outletName}」自提，请引导会员前往该门店领取`,
                error.details,
              )
            }
            throw error
          }
        },
        get().pickupVerified,
      )
    },
    logout: async () => {
      await attemptAsStaff(
        'logout',
        (token) => call((api) => api.staff.logout.$post(), { token }),
        () => undefined,
      )
      get().staffLoggedOut()
    },
  }
})

function pickedUpAtOf(details: Record<string, unknown> | undefined): string | null {
  const at = details?.pickedUpAt
  return typeof at === 'string' ? at : null
}

/** "86.5" → 8650 fen; null for anything that is not a positive amount with at most two decimals. */
export function fenFromYuan(text: string): number | null {
  const fen = fenFromYuanText(text, 7)
  return fen !== null && fen > 0 ? fen : null
}

export const staffSelectors = {
  isLoggedIn: (s: StaffState) => s.session !== null,
  staffName: (s: StaffState) => s.session?.staff.name ?? null,
  outletName: (s: StaffState) => s.session?.staff.outlet.name ?? null,
  isLoading: (s: StaffState, request: StaffRequest) => s.pending === request,
}
