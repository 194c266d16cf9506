import { useEffect, type DependencyList } from 'react'
import Taro from '@tarojs/taro'
import { useMembershipStore } from '../membership/membership.store'
import { routes } from '../routes'

/** What a member page does once a session is there; it may return a cleanup, as an effect does. */
export type OnSession = () => void | (() => void)

/**
 * The one login guard of member pages: without a session the page is replaced by login (`loginUrl`, which may
 * carry a QR scene along); with one, `onSession` runs, again whenever the session or one of `deps` changes.
 * Returns whether a session is there, for effects that wait for it.
 */
export function useMemberSession(
  onSession?: OnSession,
  deps: DependencyList = [],
  loginUrl: string = routes.login,
): boolean {
  const session = useMembershipStore((s) => s.session)
  // `onSession` is a fresh closure each render, so it cannot be a dependency; its callers' `deps` lists are checked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `onSession` reads in `deps`
  useEffect(() => {
    if (session === null) {
      void Taro.redirectTo({ url: loginUrl })
      return undefined
    }
    return onSession?.()
  }, [session, loginUrl, ...deps])
  return session !== null
}
