import type { HistoryType } from './points.store'

/**
 * The H5 address with the history's `type` set to `type`, so a reload (or a shared link) opens the tab the shopper
 * chose. Taro's H5 router keeps the page and its query in the hash: `#/points/pages/history/index?type=points`.
 */
export function hrefWithHistoryType(href: string, type: HistoryType): string {
  const hashAt = href.indexOf('#')
  if (hashAt < 0) return href
  const [path, query = ''] = href.slice(hashAt + 1).split('?', 2)
  const params = new URLSearchParams(query)
  params.set('type', type)
  return `${href.slice(0, hashAt)}#${path}?${params.toString()}`
}

/**
 * Writes the chosen tab into the current H5 address without a navigation (the page stays, nothing is pushed on the
 * history). The weapp has no address to reload, so it keeps the tab in the page's state only.
 */
export function rememberHistoryType(type: HistoryType): void {
  if (process.env.TARO_ENV !== 'h5') return
  const next = hrefWithHistoryType(window.location.href, type)
  // Taro's router keeps its own state on the entry; it is carried over untouched.
  if (next !== window.location.href) window.history.replaceState(window.history.state, '', next)
}
