import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/** How long to wait before asking again when the phone's clock is already past the server's next day start. */
export const clockSkewRetryMs = 60_000

/** setTimeout's longest delay (about 24.8 days); a business day is far shorter, so this only guards bad input. */
const maxTimerMs = 2_147_483_647

/**
 * Keeps a page's "today" current: `refresh` runs when the page shows again (back from another page or from the
 * background, where WeChat pauses timers) and when `nextDayStartsAt` (an ISO instant from the server) arrives
 * while the page is open. `loadedAt` changes with every fetched answer, so the timer is set again after each
 * refresh; when the phone's clock is already past the day start the server has not reached yet, it asks again
 * after a minute instead of at once.
 */
export function useDayTurn(nextDayStartsAt: string | null, loadedAt: unknown, refresh: () => void): void {
  const shownBefore = useRef(false)
  const latestRefresh = useRef(refresh)
  latestRefresh.current = refresh
  useDidShow(() => {
    // The first showing is the page opening, which loads on its own.
    if (shownBefore.current) latestRefresh.current()
    shownBefore.current = true
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: `loadedAt` re-arms the timer after every answer
  useEffect(() => {
    if (nextDayStartsAt === null) return undefined
    const untilMs = Date.parse(nextDayStartsAt) - Date.now()
    if (Number.isNaN(untilMs)) return undefined
    const delayMs = untilMs > 0 ? Math.min(untilMs, maxTimerMs) : clockSkewRetryMs
    const timer = setTimeout(() => latestRefresh.current(), delayMs)
    return () => clearTimeout(timer)
  }, [nextDayStartsAt, loadedAt])
}
