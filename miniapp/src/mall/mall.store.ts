import { create } from 'zustand'
import { useMembershipStore } from '../membership/membership.store'
import { createCatalogSlice, initialCatalogState, type CatalogSlice, type CatalogState } from './catalog-slice'
import { createOrdersSlice, initialOrdersState, type MallAction, type OrdersSlice, type OrdersState } from './orders-slice'
import {
  createRedemptionsSlice, initialRedemptionsState, type RedemptionsSlice, type RedemptionsState,
} from './redemptions-slice'

export type { MallAction } from './orders-slice'
export { redemptionsPageSize, redemptionsPath, type FeedLoad } from './redemptions-slice'

/**
 * The points mall: the catalogue, the member's redemptions and the write in flight, as last fetched; the BFF
 * stays the source of truth. One store made of three slices (zustand's slices pattern) to keep files short.
 */
export type MallState = CatalogState & RedemptionsState & OrdersState

export type MallStore = CatalogSlice & RedemptionsSlice & OrdersSlice & {
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

export const initialMallState = (): MallState => ({ ...initialCatalogState(), ...initialRedemptionsState(), ...initialOrdersState() })

export const useMallStore = create<MallStore>()((set, get, api) => ({
  ...createCatalogSlice(set, get, api),
  ...createRedemptionsSlice(set, get, api),
  ...createOrdersSlice(set, get, api),
  // The generation keeps counting up, so a page still in flight for the previous member is dropped on arrival.
  sessionChanged: () => set((s) => ({ ...initialMallState(), redemptionsGeneration: s.redemptionsGeneration + 1 })),
}))

useMembershipStore.subscribe((state, previous) => {
  if (state.session?.token !== previous.session?.token) useMallStore.getState().sessionChanged()
})

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
