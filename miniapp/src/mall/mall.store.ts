import { create } from 'zustand'
import { onSessionChanged } from '../api/session'
import { createCatalogSlice, initialCatalogState } from './catalog-slice'
import { createCheckoutSlice, initialCheckoutState } from './checkout-slice'
import type { MallAction, MallState, MallStore } from './mall-types'
import { createRedemptionsSlice, initialRedemptionsState } from './redemptions-slice'

export type { FeedLoad, MallAction, MallState, MallStore } from './mall-types'
export { redemptionsPageSize } from './redemptions-slice'

// One store made of three slices (zustand's slices pattern) to keep files short; their types are in mall-types.ts.
export const initialMallState = (): MallState => ({
  ...initialCatalogState(),
  ...initialRedemptionsState(),
  ...initialCheckoutState(),
})

export const useMallStore = create<MallStore>()((set, get, api) => ({
  ...createCatalogSlice(set, get, api),
  ...createRedemptionsSlice(set, get, api),
  ...createCheckoutSlice(set, get, api),
  // The generation keeps counting up, so a page still in flight for the previous member is dropped on arrival.
  sessionChanged: () => set((s) => ({ ...initialMallState(), redemptionsGeneration: s.redemptionsGeneration + 1 })),
}))

onSessionChanged(() => useMallStore.getState().sessionChanged())

/** Reads for components. */
export const mallSelectors = {
  item: (s: MallState, itemId: string) => s.itemsById[itemId] ?? null,
  redemption: (s: MallState, redemptionId: string) => s.redemptionsById[redemptionId] ?? null,
  /** Loaded, and nothing is on sale. */
  itemsEmpty: (s: MallState) => s.itemsLoaded && s.items.length === 0,
  /** The list failed before anything was shown, so there is nothing to show but the error. */
  itemsFirstLoadFailed: (s: MallState) => !s.itemsLoaded && s.itemsError !== null,
  redemptionsEmpty: (s: MallState) => s.redemptionsLoaded && s.redemptions.length === 0,
  redemptionsLoadingFirst: (s: MallState) => !s.redemptionsLoaded && s.redemptionsPending !== null,
  redemptionsFirstLoadFailed: (s: MallState) => !s.redemptionsLoaded && s.redemptionsError !== null,
  hasMoreRedemptions: (s: MallState) => s.redemptionsCursor !== null,
  isActing: (s: MallState, action: MallAction) => s.action === action,
  isWatching: (s: MallState, redemptionId: string) => s.watching === redemptionId,
}
