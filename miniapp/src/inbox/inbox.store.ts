import { create } from 'zustand'
import type { InboxPage, NotificationView } from '@mc/shared'
import { apiRequest, failureOf, type ApiFailure } from '../api/client'

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
}

interface InboxThunks {
  loadInbox(): Promise<boolean>
  markRead(id: string): Promise<boolean>
}

export type InboxStore = InboxState & InboxEvents & InboxThunks

export const initialInboxState = (): InboxState => ({ notifications: [], unreadCount: 0, loaded: false, pending: false, error: null })

export const useInboxStore = create<InboxStore>()((set, get) => ({
  ...initialInboxState(),
  inboxRequested: () => set({ pending: true, error: null }),
  inboxLoaded: (page) => set({ notifications: page.notifications, unreadCount: page.unreadCount, loaded: true, pending: false, error: null }),
  inboxFailed: (failure) => set({ pending: false, error: failure }),
  notificationOpened: (id, readAt) => set((s) => {
    const target = s.notifications.find((n) => n.id === id)
    if (!target || target.readAt !== null) return {}
    return {
      notifications: s.notifications.map((n) => (n.id === id ? { ...n, readAt } : n)),
      unreadCount: Math.max(0, s.unreadCount - 1),
    }
  }),
  loadInbox: async () => {
    get().inboxRequested()
    try {
      get().inboxLoaded(await apiRequest<InboxPage>('GET', '/api/me/inbox?limit=50'))
      return true
    } catch (error) {
      get().inboxFailed(failureOf(error))
      return false
    }
  },
  markRead: async (id) => {
    get().notificationOpened(id, new Date().toISOString())
    try {
      await apiRequest<{ notification: NotificationView }>('POST', `/api/me/inbox/${encodeURIComponent(id)}/read`)
      return true
    } catch {
      // Reading is idempotent on the BFF; the next load shows the true state, so a failed mark needs no toast.
      return false
    }
  },
}))

export const inboxSelectors = {
  unreadCount: (s: InboxState) => s.unreadCount,
  /** "99+" past 99, as the badge has room for three characters. */
  unreadBadge: (s: InboxState) => (s.unreadCount > 99 ? '99+' : s.unreadCount > 0 ? String(s.unreadCount) : null),
}
