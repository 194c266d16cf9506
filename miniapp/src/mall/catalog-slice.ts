import type { StateCreator } from 'zustand'
import type { MallItemView } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'
import type { MallStore } from './mall.store'

/** The items on sale as last fetched, as a list and by id; availability is computed by the BFF for this member. */
export interface CatalogState {
  items: MallItemView[]
  /** True once the list has arrived, so an empty `items` means "nothing on sale". */
  itemsLoaded: boolean
  itemsPending: boolean
  itemsError: ApiFailure | null
  /** Items by id, from the list and from detail fetches; the detail and checkout pages read these. */
  itemsById: Record<string, MallItemView>
  /** Id of the item being fetched, and the last detail fetch's failure. */
  itemPending: string | null
  itemError: ApiFailure | null
}

export interface CatalogEvents {
  catalogRequested(): void
  catalogLoaded(items: MallItemView[]): void
  catalogFailed(failure: ApiFailure): void
  itemRequested(itemId: string): void
  itemLoaded(item: MallItemView): void
  itemFailed(failure: ApiFailure): void
}

/** Thunks resolve to false (or null) on failure; the failure is then in `itemsError` or `itemError`. */
export interface CatalogThunks {
  loadItems(): Promise<boolean>
  loadItem(itemId: string): Promise<MallItemView | null>
}

export type CatalogSlice = CatalogState & CatalogEvents & CatalogThunks

export const initialCatalogState = (): CatalogState => ({
  items: [], itemsLoaded: false, itemsPending: false, itemsError: null, itemsById: {}, itemPending: null, itemError: null,
})

export const byId = <T extends { id: string }>(list: readonly T[]): Record<string, T> => Object.fromEntries(list.map((x) => [x.id, x]))

export const createCatalogSlice: StateCreator<MallStore, [], [], CatalogSlice> = (set, get) => ({
  ...initialCatalogState(),

  catalogRequested: () => set({ itemsPending: true, itemsError: null }),
  catalogLoaded: (items) => set((s) => ({ items, itemsLoaded: true, itemsPending: false, itemsById: { ...s.itemsById, ...byId(items) } })),
  catalogFailed: (failure) => set({ itemsPending: false, itemsError: failure }),
  itemRequested: (itemId) => set({ itemPending: itemId, itemError: null }),
  itemLoaded: (item) => set((s) => ({
    itemPending: null,
    itemsById: { ...s.itemsById, [item.id]: item },
    items: s.items.map((x) => (x.id === item.id ? item : x)),
  })),
  itemFailed: (failure) => set({ itemPending: null, itemError: failure }),

  loadItems: async () => {
    get().catalogRequested()
    try {
      get().catalogLoaded((await apiRequest<{ items: MallItemView[] }>('GET', '/api/mall/items')).items)
      return true
    } catch (error) {
      get().catalogFailed(failureOf(error))
      return false
    }
  },
  loadItem: async (itemId) => {
    get().itemRequested(itemId)
    try {
      const { item } = await apiRequest<{ item: MallItemView }>('GET', `/api/mall/items/${encodeURIComponent(itemId)}`)
      get().itemLoaded(item)
      return item
    } catch (error) {
      get().itemFailed(failureOf(error))
      return null
    }
  },
})
