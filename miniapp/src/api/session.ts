import Taro from '@tarojs/taro'
import type { ApiFailure } from './failure'
import { isRecord, readStored } from './storage'

/** The BFF's session: the bearer `token` and its ISO `expiresAt`. */
export interface Session {
  token: string
  expiresAt: string
}

const storageKey = 'mc.session'
const changedListeners = new Set<() => void>()
const expiredListeners = new Set<(failure: ApiFailure) => void>()
let generation = 0

/** The stored session, or null when none is stored or it has already expired. */
export function readSession(nowMs: number = Date.now()): Session | null {
  const stored = readStored(storageKey, isSession)
  return stored && Date.parse(stored.expiresAt) > nowMs ? stored : null
}

export function saveSession(session: Session): void {
  changeSession(() => Taro.setStorageSync(storageKey, { token: session.token, expiresAt: session.expiresAt }))
}

export function removeSession(): void {
  changeSession(() => Taro.removeStorageSync(storageKey))
}

/**
 * Called when the BFF rejects the token: forget it and tell the membership store why, which sends the shopper back to
 * login.
 */
export function expireSession(failure: ApiFailure): void {
  removeSession()
  for (const listener of expiredListeners) listener(failure)
}

export function onSessionExpired(listener: (failure: ApiFailure) => void): () => void {
  expiredListeners.add(listener)
  return () => expiredListeners.delete(listener)
}

/**
 * The one session event: runs `listener` whenever the stored token changes (login, logout, expiry, another
 * member logging in). Every store resets on it, so nothing fetched for the previous member stays on screen.
 */
export function onSessionChanged(listener: () => void): () => void {
  changedListeners.add(listener)
  return () => changedListeners.delete(listener)
}

/**
 * Counts session changes. A request remembers the generation it started under; an answer that arrives under
 * a later one belongs to the previous member and is dropped (see `attempt`).
 */
export function sessionGeneration(): number {
  return generation
}

function changeSession(write: () => void): void {
  const before = storedToken()
  write()
  if (storedToken() === before) return
  generation += 1
  for (const listener of changedListeners) listener()
}

// The raw stored token, expired or not: removing an expired session still counts as a change.
const storedToken = () => readStored(storageKey, isSession)?.token ?? null

function isSession(value: unknown): value is Session {
  return (
    isRecord(value) && typeof value.token === 'string' && value.token.length > 0 && typeof value.expiresAt === 'string'
  )
}
