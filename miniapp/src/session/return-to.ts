import type { PageParams } from '../membership/join-params'
import { routes } from '../routes'

const loginPaths = new Set<string>([routes.login, routes.staffLogin, routes.merchantLogin])
// The shopper's own pages only: the console and the till have logins of their own.
const shopperPaths = new Set<string>(
  Object.values(routes).filter((path) => !loginPaths.has(path) && !/^\/(merchant|staff)\//.test(path)),
)
// Keys Taro adds to a page's query on its own; they mean nothing to the page and must not travel.
const taroKeys = /^(\$taro|stamp$)/

/**
 * The page's own address, path and query, as login should reopen it: `/mall/pages/item/index?id=it_1`. Taro's
 * H5 router may hand over the path with its query already on it; the query is rebuilt from `params` either way.
 */
export function pageUrl(path: string, params: PageParams): string {
  const bare = `/${path.split('?')[0]?.replace(/^\/+/, '') ?? ''}`
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !taroKeys.test(entry[0]))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(safeDecode(value))}`)
    .join('&')
  return query ? `${bare}?${query}` : bare
}

/** Login that ends on `returnTo` (a page URL from `pageUrl`); plain login for the home page or none. */
export function loginRoute(returnTo?: string): string {
  if (returnTo === undefined || returnTo === routes.home) return routes.login
  return `${routes.login}?redirect=${encodeURIComponent(returnTo)}`
}

/**
 * Where login should go on to, from its `redirect` query: only a shopper page of this app (never an outside
 * address, a login or a console page), else undefined.
 */
export function returnToFromParams(params: PageParams): string | undefined {
  const raw = params.redirect
  if (raw === undefined) return undefined
  let url = safeDecode(raw)
  // Some routers hand the value over once more encoded than it was sent; a real page path starts with '/'.
  if (url.startsWith('%2F')) url = safeDecode(url)
  const path = url.split('?')[0] ?? ''
  return shopperPaths.has(path) ? url : undefined
}

/** Join (with the store QR `scene`), going on to `returnTo` once joined. */
export function joinRoute(scene?: string, returnTo?: string): string {
  const query = [
    scene ? `scene=${encodeURIComponent(scene)}` : null,
    returnTo && returnTo !== routes.home ? `redirect=${encodeURIComponent(returnTo)}` : null,
  ].filter((part) => part !== null)
  return query.length > 0 ? `${routes.join}?${query.join('&')}` : routes.join
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
