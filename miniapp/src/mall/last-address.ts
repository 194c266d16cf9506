import Taro from '@tarojs/taro'
import { DeliveryAddress } from '@mc/shared'

// The address of the member's last delivery redemption, so the next checkout starts filled in. It stays on
// this phone, filed under the member, so another member logging in on the same phone never sees it.
const storagePrefix = 'mc.mall.last-address.'

export function readLastAddress(memberId: string): DeliveryAddress | null {
  try {
    const parsed = DeliveryAddress.safeParse(Taro.getStorageSync(storagePrefix + memberId))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function saveLastAddress(memberId: string, address: DeliveryAddress): void {
  Taro.setStorageSync(storagePrefix + memberId, address)
}
