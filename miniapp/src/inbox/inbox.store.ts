import { create } from 'zustand'
import type { InboxPage, NotificationView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** Messages per request; the BFF allows up to 50, and the list pages on by cursor for as long as there are more. */
export const inboxPageSize = 20

/** Which page is in flight: the first (replacing the list) or the next one after the cursor. */
export type InboxLoad = 'first' | 'more'

/** The member's inbox as far as it was paged, and the unread count over all of it, as last fetched. */
export interface InboxState {
  notifications: NotificationView[]
  unreadCount: number
  /** Where the next page starts; null once the last page is in. */
  nextCursor: string | null
  loaded: boolean
  /** The page in flight, false when none is. */
  pending: InboxLoad | false
  error: ApiFailure | null
  /** Bumped by every first load, so a next page asked for before it is dropped when it arrives. */
  generation: number
  /** 全部已读 is on its way. */
  markingAll: boolean
}

interface InboxEvents {
  inboxRequested(load: InboxLoad): void
  inboxLoaded(load: InboxLoad, page: InboxPage, generation: number): void
  inboxFailed(failure: ApiFailure, generation: number): void
  /** Marked read at once on tap; the BFF's answer only confirms it. */
  notificationOpened(id: string, readAt: string): void
  markAllRequested(): void
  /** The BFF marked every unread message read: each one shown unread takes `readAt`, the count drops to 0. */
  allMarkedRead(readAt: string): void
  markAllFailed(): void
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

interface InboxThunks {
  /** The first page again (on opening the inbox, a pull-down, or the home badge). */
  loadInbox(): Promise<boolean>
  /** The next page after the last one shown; false (and no request) when there is none or one is in flight. */
  loadMoreInbox(): Promise<boolean>
  markRead(id: string): Promise<boolean>
  /** 全部已读: true once the BFF has marked them; on failure nothing on screen changes. */
  markAllRead(): Promise<boolean>
}

export type InboxStore = InboxState & InboxEvents & InboxThunks

export const initialInboxState = (): InboxState => ({
  notifications: [],
  unreadCount: 0,
  nextCursor: null,
  loaded: false,
  pending: false,
  error: null,
  generation: 0,
  markingAll: false,
})

const pageQuery = (cursor: string | null) => ({ ...(cursor ? { cursor } : {}), limit: String(inboxPageSize) })

export const useInboxStore = create<InboxStore>()((set, get) => {
  async function fetchPage(load: InboxLoad): Promise<boolean> {
    const query = pageQuery(load === 'more' ? get().nextCursor : null)
    let generation = 0
    const page = await attempt(() => call((api) => api.me.inbox.$get({ query })), {
      started: () => {
        get().inboxRequested(load)
        generation = get().generation
      },
      done: (answer) => get().inboxLoaded(load, answer, generation),
      failed: (failure) => get().inboxFailed(failure, generation),
    })
    return page !== null
  }

  return {
    ...initialInboxState(),
    inboxRequested: (load) =>
      set((s) => ({ pending: load, error: null, generation: load === 'first' ? s.generation + 1 : s.generation })),
    inboxLoaded: (load, page, generation) =>
      set((s) => {
        if (generation !== s.generation) return {}
        // A message written while paging shifts the pages by one; its repeat on the next page is not shown twice.
        const seen = new Set(load === 'more' ? s.notifications.map((n) => n.id) : [])
        const fresh = page.notifications.filter((n) => !seen.has(n.id))
        return {
          notifications: load === 'more' ? [...s.notifications, ...fresh] : page.notifications,
          unreadCount: page.unreadCount,
          nextCursor: page.nextCursor,
          loaded: true,
          pending: false,
          error: null,
        }
      }),
    // What was already shown stays: a failed refresh or next page only adds the error.
    inboxFailed: (failure, generation) =>
      set((s) => (generation === s.generation ? { pending: false, error: failure } : {})),
    notificationOpened: (id, readAt) =>
      set((s) => {
        const target = s.notifications.find((n) => n.id === id)
        if (!target || target.readAt !== null) return {}
        return {
          notifications: s.notifications.map((n) => (n.id === id ? { ...n, readAt } : n)),
          unreadCount: Math.max(0, s.unreadCount - 1),
        }
      }),
    markAllRequested: () => set({ markingAll: true }),
    allMarkedRead: (readAt) =>
      set((s) => ({
        notifications: s.notifications.map((n) => (n.readAt === null ? { ...n, readAt } : n)),
        unreadCount: 0,
        markingAll: false,
      })),
    markAllFailed: () => set({ markingAll: false }),
    sessionChanged: () => set((s) => ({ ...initialInboxState(), generation: s.generation + 1 })),
    loadInbox: () => fetchPage('first'),
    loadMoreInbox: async () => {
      const s = get()
      if (s.pending !== false || !s.loaded || s.nextCursor === null) return false
      return fetchPage('more')
    },
    markRead: async (id) => {
      get().notificationOpened(id, new Date().toISOString())
      try {
        await call((api) => api.me.inbox[':id'].read.$post({ param: { id } }))
        return true
      } catch {
        // Reading is idempotent on the BFF; the next load shows the true state, so a failed mark needs no toast.
        return false
      }
    },
    markAllRead: async () => {
      if (get().markingAll) return false
      get().markAllRequested()
      try {
        await call((api) => api.me.inbox['read-all'].$post())
        get().allMarkedRead(new Date().toISOString())
        return true
      } catch {
        get().markAllFailed()
        return false
      }
    },
  }
})

onSessionChanged(() => useInboxStore.getState().sessionChanged())

export const inboxSelectors = {
  unreadCount: (s: InboxState) => s.unreadCount,
  /** "99+" past 99, as the badge has room for three characters. */
  unreadBadge: (s: InboxState) => (s.unreadCount > 99 ? '99+' : s.unreadCount > 0 ? String(s.unreadCount) : null),
  hasMore: (s: InboxState) => s.loaded && s.nextCursor !== null,
  loadingMore: (s: InboxState) => s.pending === 'more',
  /** The first page never arrived: the page shows the failure with a retry instead of a list. */
  firstLoadFailed: (s: InboxState) => !s.loaded && s.pending === false && s.error !== null,
}
