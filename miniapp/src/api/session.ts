import Taro from '@tarojs/taro'

/** The BFF's session: the bearer `token` and its ISO `expiresAt`. */
export interface Session {
  token: string
  expiresAt: string
}

const storageKey = 'mc.session'
const expiredListeners = new Set<() => void>()

/** The stored session, or null when none is stored or it has already expired. */
export function readSession(nowMs: number = Date.now()): Session | null {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(storageKey)
  } catch {
    return null
  }
  if (!isSession(stored)) return null
  return Date.parse(stored.expiresAt) > nowMs ? stored : null
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(storageKey, { token: session.token, expiresAt: session.expiresAt })
}

export function removeSession(): void {
  Taro.removeStorageSync(storageKey)
}

/** Called when the BFF rejects the token: forget it and tell the store, which sends the shopper back to login. */
export function expireSession(): void {
  removeSession()
  for (const listener of expiredListeners) listener()
}

export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener)
  return () => expiredListeners.delete(listener)
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false
  const { token, expiresAt } = value as Partial<Session>
  return typeof token === 'string' && token.length > 0 && typeof expiresAt === 'string'
}
