import Taro from '@tarojs/taro'
import type { StaffView } from '@mc/shared'

/** The till's own session, kept apart from the member session so a shopper's login never becomes staff's. */
export interface StaffSession {
  token: string
  expiresAt: string
  staff: StaffView
}

const storageKey = 'mc.staff-session'

/** The stored staff session, or null when none is stored or it has expired. */
export function readStaffSession(nowMs: number = Date.now()): StaffSession | null {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(storageKey)
  } catch {
    return null
  }
  if (typeof stored !== 'object' || stored === null) return null
  const session = stored as Partial<StaffSession>
  if (typeof session.token !== 'string' || typeof session.expiresAt !== 'string' || !session.staff) return null
  return Date.parse(session.expiresAt) > nowMs ? (session as StaffSession) : null
}

export function saveStaffSession(session: StaffSession): void {
  Taro.setStorageSync(storageKey, session)
}

export function removeStaffSession(): void {
  Taro.removeStorageSync(storageKey)
}
