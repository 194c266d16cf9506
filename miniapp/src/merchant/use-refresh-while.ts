import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

/**
 * Calls `refresh` every `everyMs` while `active` and the page is shown: a page that watches something move on the
 * server (a campaign's delivery) follows it without a pull. Hidden (another page on top, the app in the background),
 * it stops; shown again while still active, it refreshes at once (unless the page reloads on showing by itself:
 * `onShow: false`) and carries on.
 */
export function useRefreshWhile(
  active: boolean,
  refresh: () => void,
  everyMs: number,
  options: { onShow?: boolean } = {},
): void {
  const onShow = options.onShow ?? true
  const [shown, setShown] = useState(true)
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh
  const hiddenOnce = useRef(false)
  useDidHide(() => {
    hiddenOnce.current = true
    setShown(false)
  })
  useDidShow(() => setShown(true))

  useEffect(() => {
    if (!active || !shown) return undefined
    // Back from another page: what moved meanwhile is shown now, not a period later.
    if (onShow && hiddenOnce.current) refreshRef.current()
    const timer = setInterval(() => refreshRef.current(), everyMs)
    return () => clearInterval(timer)
  }, [active, shown, everyMs, onShow])
}
