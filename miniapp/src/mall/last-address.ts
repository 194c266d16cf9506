import Taro from '@tarojs/taro'
import { DeliveryAddress } from '@mc/shared'
import { isRecord, readStored } from '../api/storage'

// The address of the member's last delivery redemption, so the next checkout starts filled in. It stays on
// this phone, filed under the member, so another member logging in on the same phone never sees it.
const storagePrefix = 'mc.mall.last-address.'

export function readLastAddress(memberId: string): DeliveryAddress | null {
  const parsed = DeliveryAddress.safeParse(readStored(storagePrefix + memberId, isRecord))
  return parsed.success ? parsed.data : null
}

export function saveLastAddress(memberId: string, address: DeliveryAddress): void {
  Taro.setStorageSync(storagePrefix + memberId, address)
}
