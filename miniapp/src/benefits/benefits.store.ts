import { create } from 'zustand'
import type { ClaimResponse, CouponView, MemberBenefitsResponse } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

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
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

interface BenefitsThunks {
  loadBenefits(): Promise<boolean>
  /** Claims this period's grant; on success the list is refetched so claim states stay the server's. */
  claim(key: string): Promise<ClaimResponse | null>
}

export type BenefitsStore = BenefitsState & BenefitsEvents & BenefitsThunks

export const initialBenefitsState = (): BenefitsState => ({
  benefits: null,
  coupons: [],
  pending: false,
  claiming: null,
  error: null,
})

export const useBenefitsStore = create<BenefitsStore>()((set, get) => ({
  ...initialBenefitsState(),
  benefitsRequested: () => set({ pending: true, error: null }),
  benefitsLoaded: (benefits, coupons) => set({ benefits, coupons, pending: false, error: null }),
  benefitsFailed: (failure) => set({ pending: false, error: failure }),
  claimStarted: (key) => set({ claiming: key, error: null }),
  benefitClaimed: (response) => set((s) => ({ claiming: null, coupons: [...response.coupons, ...s.coupons] })),
  claimFailed: (failure) => set({ claiming: null, error: failure }),
  sessionChanged: () => set(initialBenefitsState()),

  loadBenefits: async () => {
    const loaded = await attempt(
      () =>
        Promise.all([
          call((api) => api.me.benefits.$get()),
          call((api) => api.me.coupons.$get({ query: { status: 'available', limit: '50' } })),
        ]),
      {
        started: get().benefitsRequested,
        done: ([benefits, coupons]) => get().benefitsLoaded(benefits, coupons.coupons),
        failed: get().benefitsFailed,
      },
    )
    return loaded !== null
  },
  claim: async (key) => {
    const response = await attempt(() => call((api) => api.me.benefits[':key'].claim.$post({ param: { key } })), {
      started: () => get().claimStarted(key),
      done: get().benefitClaimed,
      failed: get().claimFailed,
    })
    const { error } = get()
    // An ALREADY_CLAIMED answer means the list on screen is stale; show the server's state, and the refusal.
    await get().loadBenefits()
    if (!response && error) set({ error })
    return response
  },
}))

onSessionChanged(() => useBenefitsStore.getState().sessionChanged())

export const benefitsSelectors = {
  unlocked: (s: BenefitsState) => s.benefits?.benefits.filter((b) => b.unlocked) ?? [],
  locked: (s: BenefitsState) => s.benefits?.benefits.filter((b) => !b.unlocked) ?? [],
  tierName: (s: BenefitsState) => s.benefits?.tier.name ?? null,
}
