import Taro from '@tarojs/taro'

/**
 * The value stored under `key` when `isValid` accepts it, else null. Storage may throw (full, or corrupted on
 * the phone) and may hold a value written by an older build, so every read goes through this one check.
 */
export function readStored<T>(key: string, isValid: (value: unknown) => value is T): T | null {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(key)
  } catch {
    return null
  }
  return isValid(stored) ? stored : null
}

/** True for a non-null object, so its fields can be checked one by one. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
