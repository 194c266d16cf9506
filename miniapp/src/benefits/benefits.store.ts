import { create } from 'zustand'
import type { ClaimResponse, CouponsPage, CouponView, MemberBenefitsResponse } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'

/** The member's benefits and available coupons, as last fetched; `claiming` is the benefit key being claimed. */
export interface BenefitsState {
  benefits: MemberBenefitsResponse | null
  coupons: CouponView[]
  pending: boolean
  claiming: string | null
  error: ApiFailure | null
}

interface BenefitsEvents {
  benefitsRequested(): void
  benefitsLoaded(benefits: MemberBenefitsResponse, coupons: CouponView[]): void
  benefitsFailed(failure: ApiFailure): void
  claimStarted(key: string): void
  benefitClaimed(response: ClaimResponse): void
  claimFailed(failure: ApiFailure): void
}

interface BenefitsThunks {
  loadBenefits(): Promise<boolean>
  /** Claims this period's grant; on success the list is refetched so claim states stay the server's. */
  claim(key: string): Promise<ClaimResponse | null>
}

export type BenefitsStore = BenefitsState & BenefitsEvents & BenefitsThunks

export const initialBenefitsState = (): BenefitsState => ({ benefits: null, coupons: [], pending: false, claiming: null, error: null })

export const useBenefitsStore = create<BenefitsStore>()((set, get) => ({
  ...initialBenefitsState(),
  benefitsRequested: () => set({ pending: true, error: null }),
  benefitsLoaded: (benefits, coupons) => set({ benefits, coupons, pending: false, error: null }),
  benefitsFailed: (failure) => set({ pending: false, error: failure }),
  claimStarted: (key) => set({ claiming: key, error: null }),
  benefitClaimed: (response) => set((s) => ({ claiming: null, coupons: [...response.coupons, ...s.coupons] })),
  claimFailed: (failure) => set({ claiming: null, error: failure }),

  loadBenefits: async () => {
    get().benefitsRequested()
    try {
      const [benefits, coupons] = await Promise.all([
        apiRequest<MemberBenefitsResponse>('GET', '/api/me/benefits'),
        apiRequest<CouponsPage>('GET', '/api/me/coupons?status=available&limit=50'),
      ])
      get().benefitsLoaded(benefits, coupons.coupons)
      return true
    } catch (error) {
      get().benefitsFailed(failureOf(error))
      return false
    }
  },
  claim: async (key) => {
    get().claimStarted(key)
    try {
      const response = await apiRequest<ClaimResponse>('POST', `/api/me/benefits/${encodeURIComponent(key)}/claim`)
      get().benefitClaimed(response)
      await get().loadBenefits()
      return response
    } catch (error) {
      get().claimFailed(failureOf(error))
      // An ALREADY_CLAIMED answer means the list on screen is stale; show the server's state.
      await get().loadBenefits()
      set({ error: failureOf(error) })
      return null
    }
  },
}))

export const benefitsSelectors = {
  unlocked: (s: BenefitsState) => s.benefits?.benefits.filter((b) => b.unlocked) ?? [],
  locked: (s: BenefitsState) => s.benefits?.benefits.filter((b) => !b.unlocked) ?? [],
  tierName: (s: BenefitsState) => s.benefits?.tier.name ?? null,
}
