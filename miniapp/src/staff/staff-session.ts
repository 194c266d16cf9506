import Taro from '@tarojs/taro'
import type { StaffView } from '@mc/shared'
import { isRecord, readStored } from '../api/storage'

/** The till's own session, kept apart from the member session so a shopper's login never becomes staff's. */
export interface StaffSession {
  token: string
  expiresAt: string
  staff: StaffView
}

const storageKey = 'mc.staff-session'

/** The stored staff session, or null when none is stored or it has expired. */
export function readStaffSession(nowMs: number = Date.now()): StaffSession | null {
  const session = readStored(storageKey, isStaffSession)
  return session && Date.parse(session.expiresAt) > nowMs ? session : null
}

export function saveStaffSession(session: StaffSession): void {
  Taro.setStorageSync(storageKey, session)
}

export function removeStaffSession(): void {
  Taro.removeStorageSync(storageKey)
}

function isStaffSession(value: unknown): value is StaffSession {
  return (
    isRecord(value) && typeof value.token === 'string' && typeof value.expiresAt === 'string' && Boolean(value.staff)
  )
}
