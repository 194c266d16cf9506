import { renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clockSkewRetryMs, useDayTurn } from './use-day-turn'

// The Taro runtime that runs page lifecycles is absent under test: keep the page's show callback to call it.
const lifecycle = vi.hoisted(() => ({ didShow: null as (() => void) | null }))
vi.mock('@tarojs/taro', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  useDidShow: (callback: () => void) => {
    lifecycle.didShow = callback
  },
}))

const loadedAt = '2026-11-23T10:00:00+08:00'
const nextDayStartsAt = '2026-11-23T16:00:00.000Z' // midnight in Shanghai
const untilNextDayMs = Date.parse(nextDayStartsAt) - Date.parse(loadedAt)

describe('useDayTurn', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date(loadedAt) })
    lifecycle.didShow = null
  })
  afterEach(() => vi.useRealTimers())

  const open = (refresh: () => void) =>
    renderHook(({ at, loaded }) => useDayTurn(at, loaded, refresh), {
      initialProps: { at: nextDayStartsAt as string | null, loaded: {} as unknown },
    })

  it('refreshes when the next business day starts, not a moment before', () => {
    const refresh = vi.fn()
    open(refresh)
    vi.advanceTimersByTime(untilNextDayMs - 1)
    expect(refresh).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('sets the timer again for the day after, once the refreshed answer arrives', () => {
    const refresh = vi.fn()
    const page = open(refresh)
    vi.advanceTimersByTime(untilNextDayMs)
    page.rerender({ at: '2026-11-24T16:00:00.000Z', loaded: {} })
    vi.advanceTimersByTime(86_400_000)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('asks again a minute later when the phone is past a day start the server has not reached', () => {
    const refresh = vi.fn()
    const page = open(refresh)
    vi.advanceTimersByTime(untilNextDayMs + 5_000) // phone clock ahead: the server still answers the old day
    page.rerender({ at: nextDayStartsAt, loaded: {} })
    vi.advanceTimersByTime(clockSkewRetryMs - 1)
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('refreshes when the page shows again, but not on its first showing (the page loads on opening)', () => {
    const refresh = vi.fn()
    open(refresh)
    lifecycle.didShow?.()
    expect(refresh).not.toHaveBeenCalled()
    lifecycle.didShow?.()
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('stops its timer when the page closes', () => {
    const refresh = vi.fn()
    open(refresh).unmount()
    vi.advanceTimersByTime(untilNextDayMs * 2)
    expect(refresh).not.toHaveBeenCalled()
  })
})
