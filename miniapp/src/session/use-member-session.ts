import { useEffect, type DependencyList } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { useMembershipStore } from '../membership/membership.store'
import { loginRoute, pageUrl } from './return-to'

/** What a member page does once a session is there; it may return a cleanup, as an effect does. */
export type OnSession = () => void | (() => void)

/**
 * The one login guard of member pages: without a session the page is replaced by login, which reopens this page
 * (with its query, a store QR scene included) once the shopper has logged in; with one, `onSession` runs, again
 * whenever the session or one of `deps` changes. Returns whether a session is there, for effects that wait for it.
 */
export function useMemberSession(onSession?: OnSession, deps: DependencyList = []): boolean {
  const session = useMembershipStore((s) => s.session)
  const leftByChoice = useMembershipStore((s) => s.leftByChoice)
  const { path, params } = useRouter()
  const ownUrl = pageUrl(path, params)
  // `onSession` is a fresh closure each render, so it cannot be a dependency; its callers' `deps` lists are checked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `onSession` reads in `deps`
  useEffect(() => {
    if (session === null) {
      // Pages kept below the shown one see the session go too; only the shown page hands itself to login, and not
      // after a logout: the next person to log in on this phone starts at home, not on the page the last one left.
      if (isShownPage(ownUrl)) void Taro.redirectTo({ url: loginRoute(leftByChoice ? undefined : ownUrl) })
      return undefined
    }
    return onSession?.()
  }, [session, leftByChoice, ownUrl, ...deps])
  return session !== null
}

function isShownPage(url: string): boolean {
  const pages = Taro.getCurrentPages()
  const shown = pages[pages.length - 1]
  if (shown?.route === undefined) return true
  return `/${shown.route.replace(/^\/+/, '').split('?')[0]}` === url.split('?')[0]
}
