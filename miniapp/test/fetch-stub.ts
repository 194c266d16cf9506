import Taro from '@tarojs/taro'
import { afterEach, beforeEach, vi } from 'vitest'

/**
 * Stands in for the network in store tests: before each test storage is cleared, `reset` puts the store back to
 * its initial state and `fetch` is replaced by the returned mock; after it the real `fetch` is back.
 */
export function stubFetch(reset: () => void = () => {}) {
  const fetchMock = vi.fn<typeof fetch>()
  beforeEach(() => {
    Taro.clearStorageSync()
    reset()
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())
  return fetchMock
}
