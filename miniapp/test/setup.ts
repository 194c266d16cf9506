import { cleanup } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

/**
 * @tarojs/taro in Node is the bare API layer: storage, routing and layout queries are missing. Keep its own
 * properties and add in-memory storage, spies for navigation and network, and zero-size layout answers.
 */
vi.mock('@tarojs/taro', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown> & { default?: Record<string, unknown> }>()
  const real = actual.default ?? actual
  const storage = new Map<string, unknown>()
  const rect = { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }
  const query: Record<string, unknown> = {}
  for (const name of ['select', 'selectAll', 'selectViewport', 'in', 'fields', 'scrollOffset'])
    query[name] = () => query
  query.boundingClientRect = (callback?: (r: typeof rect) => void) => (callback?.(rect), query)
  query.exec = (callback?: (r: unknown[]) => void) => callback?.([rect])

  const taro = {
    ...real,
    createSelectorQuery: () => query,
    nextTick: (callback: () => void) => setTimeout(callback, 0),
    getSystemInfoSync: () => ({
      windowWidth: 375,
      windowHeight: 812,
      screenWidth: 375,
      pixelRatio: 2,
      platform: 'web',
    }),
    getEnv: () => 'WEB',
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    login: vi.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
    request: vi.fn(),
    redirectTo: vi.fn(async () => undefined),
    reLaunch: vi.fn(async () => undefined),
    navigateTo: vi.fn(async () => undefined),
    // No page stack in a unit test: the page rendered is the one shown.
    getCurrentPages: vi.fn(() => []),
    stopPullDownRefresh: vi.fn(),
    // Page tests set the query with vi.mocked(useRouter).mockReturnValue(...).
    useRouter: vi.fn(() => ({ params: {}, path: '' })),
  }
  return { ...actual, ...taro, default: taro }
})

afterEach(() => cleanup())
