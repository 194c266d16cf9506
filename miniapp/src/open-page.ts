import Taro from '@tarojs/taro'

/** What a shopper sees when a page cannot be opened because its code could not be downloaded. */
export const pageUnavailableMessage = '网络不可用，请检查网络后重试'

interface H5Route {
  path: string
  load: () => [Promise<unknown>, ...unknown[]]
}

/**
 * Opens a page on top of the current one, or says that the network is down and stays where it is. Taro's H5 router
 * pushes the address before it downloads the page's code and never reports a failed download, which would leave a
 * blank tap and a duplicate history entry; so on H5 the code is fetched first and the address pushed only once it
 * is there. On weapp a subpackage that cannot be downloaded fails the navigation itself, and history is untouched.
 */
export async function openPage(url: string): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'h5') await loadH5PageCode(url)
    await Taro.navigateTo({ url })
    return true
  } catch {
    pageUnavailable()
    return false
  }
}

/** How a tab of the bottom bar is opened, given the routes on the page stack (bottom first, the shown page on top). */
export type TabPlan = { kind: 'stay' } | { kind: 'back'; delta: number } | { kind: 'redirect'; url: string }

/**
 * The tab bar switches pages instead of stacking them, so Back never walks from tab to tab: a tab already on the
 * stack (home under a mall opened from its shortcut) is gone back to, any other tab replaces the shown one.
 */
export function tabPlan(url: string, stack: readonly string[]): TabPlan {
  const path = pathOf(url)
  const paths = stack.map(pathOf)
  if (paths.length > 0 && paths[paths.length - 1] === path) return { kind: 'stay' }
  const at = paths.lastIndexOf(path)
  return at >= 0 ? { kind: 'back', delta: paths.length - 1 - at } : { kind: 'redirect', url }
}

/**
 * Opens a tab of the bottom bar (home, the mall, 我的) without piling pages up: Taro's native tabBar (switchTab)
 * cannot hold the mall, which lives in a subpackage, so the bar plans the switch itself (`tabPlan`). Like `openPage`
 * it fetches the page's code first on H5 and says so when the network is down.
 */
export async function openTab(url: string): Promise<boolean> {
  const plan = tabPlan(
    url,
    Taro.getCurrentPages().map((page) => page.route ?? ''),
  )
  try {
    if (plan.kind === 'back') await Taro.navigateBack({ delta: plan.delta })
    else if (plan.kind === 'redirect') {
      if (process.env.TARO_ENV === 'h5') await loadH5PageCode(url)
      await Taro.redirectTo({ url })
    }
    return true
  } catch {
    pageUnavailable()
    return false
  }
}

function pageUnavailable() {
  void Taro.showToast({ title: pageUnavailableMessage, icon: 'none', duration: 2500 })
}

/** A page's path without its query, with the leading slash WeChat's stack routes lack. */
function pathOf(url: string): string {
  const path = url.split('?')[0] ?? ''
  return path.startsWith('/') ? path : `/${path}`
}

// Taro's H5 app config lists each page with the loader its router calls; a chunk already downloaded resolves at once,
// and webpack tries a failed chunk again on the next call.
async function loadH5PageCode(url: string): Promise<void> {
  const path = url.split('?')[0]?.replace(/^\/+/, '')
  const config = (window as unknown as { __taroAppConfig?: { routes?: H5Route[] } }).__taroAppConfig
  const route = config?.routes?.find((candidate) => candidate.path.replace(/^\/+/, '') === path)
  if (route) await route.load()[0]
}
