import Taro from '@tarojs/taro'
import type { OperatorView, Permission } from '@mc/shared'
import { isRecord, readStored } from '../api/storage'

/**
 * The merchant console's own session, kept apart from the member's and the till's: the operator token, when it
 * ends, who it is and what they may do (the BFF checks every call again; the console only hides what would fail).
 */
export interface OperatorSession {
  token: string
  expiresAt: string
  operator: OperatorView
  permissions: Permission[]
}

const storageKey = 'mc.operator-session'
const listeners = new Set<(session: OperatorSession | null) => void>()

/** The stored operator session, or null when none is stored or it has expired. */
export function readOperatorSession(nowMs: number = Date.now()): OperatorSession | null {
  const session = readStored(storageKey, isOperatorSession)
  return session && Date.parse(session.expiresAt) > nowMs ? session : null
}

export function saveOperatorSession(session: OperatorSession): void {
  const { token, expiresAt, operator, permissions } = session
  Taro.setStorageSync(storageKey, { token, expiresAt, operator, permissions })
  notify(session)
}

export function clearOperatorSession(): void {
  Taro.removeStorageSync(storageKey)
  notify(null)
}

/** Runs `listener` whenever the console session is saved or cleared (the operator store follows it). */
export function onOperatorSessionChanged(listener: (session: OperatorSession | null) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function notify(session: OperatorSession | null): void {
  for (const listener of listeners) listener(session)
}

function isOperatorSession(value: unknown): value is OperatorSession {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    value.token.length > 0 &&
    typeof value.expiresAt === 'string' &&
    isRecord(value.operator) &&
    Array.isArray(value.permissions)
  )
}
