import Taro from '@tarojs/taro'
import { mallPayRoute } from '../routes'

/**
 * Opens the local provider's cashier for `redemptionId`. A production build has no local cashier (LOCAL_CASHIER is
 * false there and the page is compiled out), so it answers false and the caller says that payment is unavailable.
 */
export function openLocalCashier(redemptionId: string): boolean {
  if (!LOCAL_CASHIER) return false
  void Taro.redirectTo({ url: mallPayRoute(redemptionId) })
  return true
}

/** What a build without the local cashier says when the BFF offers only the local provider. */
export const localCashierMissingText = '当前版本暂不支持支付，请稍后在「我的兑换」中完成'
