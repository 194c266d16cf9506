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
    void Taro.showToast({ title: pageUnavailableMessage, icon: 'none', duration: 2500 })
    return false
  }
}

// Taro's H5 app config lists each page with the loader its router calls; a chunk already downloaded resolves at once,
// and webpack tries a failed chunk again on the next call.
async function loadH5PageCode(url: string): Promise<void> {
  const path = url.split('?')[0]?.replace(/^\/+/, '')
  const config = (window as unknown as { __taroAppConfig?: { routes?: H5Route[] } }).__taroAppConfig
  const route = config?.routes?.find((candidate) => candidate.path.replace(/^\/+/, '') === path)
  if (route) await route.load()[0]
}
