import type { StateCreator } from 'zustand'
import { attempt } from '../api/attempt'
import { call } from '../api/client'
import type { CatalogSlice, CatalogState, MallStore } from './mall-types'

export const initialCatalogState = (): CatalogState => ({
  items: [],
  itemsLoaded: false,
  itemsPending: false,
  itemsError: null,
  itemsById: {},
  itemPending: null,
  itemError: null,
})

export const byId = <T extends { id: string }>(list: readonly T[]): Record<string, T> =>
  Object.fromEntries(list.map((x) => [x.id, x]))

export const createCatalogSlice: StateCreator<MallStore, [], [], CatalogSlice> = (set, get) => ({
  ...initialCatalogState(),

  catalogRequested: () => set({ itemsPending: true, itemsError: null }),
  catalogLoaded: (items) =>
    set((s) => ({ items, itemsLoaded: true, itemsPending: false, itemsById: { ...s.itemsById, ...byId(items) } })),
  catalogFailed: (failure) => set({ itemsPending: false, itemsError: failure }),
  itemRequested: (itemId) => set({ itemPending: itemId, itemError: null }),
  itemLoaded: (item) =>
    set((s) => ({
      itemPending: null,
      itemsById: { ...s.itemsById, [item.id]: item },
      items: s.items.map((x) => (x.id === item.id ? item : x)),
    })),
  itemFailed: (failure) => set({ itemPending: null, itemError: failure }),

  loadItems: async () => {
    const answer = await attempt(() => call((api) => api.mall.items.$get()), {
      started: get().catalogRequested,
      done: ({ items }) => get().catalogLoaded(items),
      failed: get().catalogFailed,
    })
    return answer !== null
  },
  loadItem: async (itemId) => {
    const answer = await attempt(() => call((api) => api.mall.items[':itemId'].$get({ param: { itemId } })), {
      started: () => get().itemRequested(itemId),
      done: ({ item }) => get().itemLoaded(item),
      failed: get().itemFailed,
    })
    return answer?.item ?? null
  },
})
