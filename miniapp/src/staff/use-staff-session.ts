import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { routes } from '../routes'
import { staffSelectors, useStaffStore } from './staff.store'

/** The till's login guard: without a staff session the page is replaced by the staff login. */
export function useStaffSession(): boolean {
  const loggedIn = useStaffStore(staffSelectors.isLoggedIn)
  useEffect(() => {
    if (!loggedIn) void Taro.redirectTo({ url: routes.staffLogin })
  }, [loggedIn])
  return loggedIn
}
