import { act, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useRefreshWhile } from './use-refresh-while'

// The Taro runtime that runs page lifecycles is absent under test: keep the page's callbacks to call them.
const lifecycle = vi.hoisted(() => ({ didShow: null as (() => void) | null, didHide: null as (() => void) | null }))
vi.mock('@tarojs/taro', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  useDidShow: (callback: () => void) => {
    lifecycle.didShow = callback
  },
  useDidHide: (callback: () => void) => {
    lifecycle.didHide = callback
  },
}))

describe('useRefreshWhile', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const open = (refresh: () => void, active = true, onShow = true) =>
    renderHook(({ on }) => useRefreshWhile(on, refresh, 10_000, { onShow }), { initialProps: { on: active } })

  it('refreshes every period while active, and stops once it is not', () => {
    const refresh = vi.fn()
    const page = open(refresh)
    vi.advanceTimersByTime(9_999)
    expect(refresh).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(20_000)
    expect(refresh).toHaveBeenCalledTimes(3)
    page.rerender({ on: false })
    vi.advanceTimersByTime(60_000)
    expect(refresh).toHaveBeenCalledTimes(3)
  })

  it('never refreshes when not active', () => {
    const refresh = vi.fn()
    open(refresh, false)
    vi.advanceTimersByTime(60_000)
    expect(refresh).not.toHaveBeenCalled()
  })

  it('pauses while the page is hidden and refreshes at once when it shows again', () => {
    const refresh = vi.fn()
    open(refresh)
    act(() => lifecycle.didHide?.())
    vi.advanceTimersByTime(60_000)
    expect(refresh).not.toHaveBeenCalled()
    act(() => lifecycle.didShow?.())
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(10_000)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('leaves the refresh on showing to a page that reloads when shown by itself', () => {
    const refresh = vi.fn()
    open(refresh, true, false)
    act(() => lifecycle.didHide?.())
    act(() => lifecycle.didShow?.())
    expect(refresh).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10_000)
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})
