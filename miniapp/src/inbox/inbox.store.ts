import { create } from 'zustand'
import type { InboxPage, NotificationView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The first page of the member's inbox and the unread count over all of it, as last fetched. */
export interface InboxState {
  notifications: NotificationView[]
  unreadCount: number
  loaded: boolean
  pending: boolean
  error: ApiFailure | null
}

interface InboxEvents {
  inboxRequested(): void
  inboxLoaded(page: InboxPage): void
  inboxFailed(failure: ApiFailure): void
  /** Marked read at once on tap; the BFF's answer only confirms it. */
  notificationOpened(id: string, readAt: string): void
  /** Another member (or nobody) is logged in now: nothing fetched before may be shown any more. */
  sessionChanged(): void
}

interface InboxThunks {
  loadInbox(): Promise<boolean>
  markRead(id: string): Promise<boolean>
}

export type InboxStore = InboxState & InboxEvents & InboxThunks

export const initialInboxState = (): InboxState => ({
  notifications: [],
  unreadCount: 0,
  loaded: false,
  pending: false,
  error: null,
})

export const useInboxStore = create<InboxStore>()((set, get) => ({
  ...initialInboxState(),
  inboxRequested: () => set({ pending: true, error: null }),
  inboxLoaded: (page) =>
    set({
      notifications: page.notifications,
      unreadCount: page.unreadCount,
      loaded: true,
      pending: false,
      error: null,
    }),
  inboxFailed: (failure) => set({ pending: false, error: failure }),
  notificationOpened: (id, readAt) =>
    set((s) => {
      const target = s.notifications.find((n) => n.id === id)
      if (!target || target.readAt !== null) return {}
      return {
        notifications: s.notifications.map((n) => (n.id === id ? { ...n, readAt } : n)),
        unreadCount: Math.max(0, s.unreadCount - 1),
      }
    }),
  sessionChanged: () => set(initialInboxState()),
  loadInbox: async () => {
    const page = await attempt(() => call((api) => api.me.inbox.$get({ query: { limit: '50' } })), {
      started: get().inboxRequested,
      done: get().inboxLoaded,
      failed: get().inboxFailed,
    })
    return page !== null
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
}))

onSessionChanged(() => useInboxStore.getState().sessionChanged())

export const inboxSelectors = {
  unreadCount: (s: InboxState) => s.unreadCount,
  /** "99+" past 99, as the badge has room for three characters. */
  unreadBadge: (s: InboxState) => (s.unreadCount > 99 ? '99+' : s.unreadCount > 0 ? String(s.unreadCount) : null),
}
