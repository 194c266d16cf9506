import { routes } from '../routes'

/** How a message's page is opened: back to it when it is already below, else a new page on the stack. */
export type LinkPlan =
  | { kind: 'none' }
  | { kind: 'back'; delta: number }
  | { kind: 'navigate'; url: string }
  | { kind: 'redirect'; url: string }

/** WeChat keeps at most 10 pages on the stack; at the limit a new page replaces the inbox instead. */
const maxStackDepth = 10

// A message may only open a member page of this app: the console's and the till's pages need another login, and
// anything else (a typo in a rule's page, a path of another app) would fail to open.
const memberPaths: ReadonlySet<string> = new Set(
  Object.values(routes).filter((path) => !path.startsWith('/merchant/') && !path.startsWith('/staff/')),
)

/** The path of a page link without its query, with the leading slash WeChat's stack routes lack. */
export function pathOf(page: string): string {
  const path = page.split('?')[0] ?? ''
  return path.startsWith('/') ? path : `/${path}`
}

/**
 * How to open `page` from the inbox, given the routes on the page stack (bottom first, the inbox on top). A page
 * already below without a query (home, the tier page) is gone back to, so the stack does not fill with copies.
 * The app has no tab bar, so no page needs `switchTab`.
 */
export function linkPlan(page: string | null, stack: readonly string[]): LinkPlan {
  if (!page) return { kind: 'none' }
  const path = pathOf(page)
  if (!memberPaths.has(path)) return { kind: 'none' }
  const url = page.startsWith('/') ? page : `/${page}`
  const below = stack.slice(0, -1).map(pathOf)
  const at = below.lastIndexOf(path)
  if (at >= 0 && !page.includes('?')) return { kind: 'back', delta: stack.length - 1 - at }
  return stack.length >= maxStackDepth ? { kind: 'redirect', url } : { kind: 'navigate', url }
}
