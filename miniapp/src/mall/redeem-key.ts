import Taro from '@tarojs/taro'
import type { RedeemBody } from '@mc/shared'
import { isRecord, readStored } from '../api/storage'

/**
 * The Idempotency-Key of a checkout attempt, kept in storage from before the request is sent until a definite
 * answer arrives. A retry after a lost answer (or after the app was killed) sends the same key with the same
 * body, so the BFF replays the first redemption instead of making a second one. Changing the order (quantity,
 * address, pickup store) is a new attempt with a new key, since the BFF refuses one key with two different bodies.
 */
interface SavedKey {
  key: string
  /** The body the key was made for, as `fingerprint` writes it. */
  body: string
}

const storagePrefix = 'mc.mall.redeem-key.'

/** The saved key for this exact body, or a new one saved before it is returned. */
export function redeemKeyFor(body: RedeemBody): string {
  const storageKey = storagePrefix + body.itemId
  const saved = readStored(storageKey, isSavedKey)
  const print = fingerprint(body)
  if (saved && saved.body === print) return saved.key
  const key = newIdempotencyKey()
  Taro.setStorageSync(storageKey, { key, body: print } satisfies SavedKey)
  return key
}

/** Forgets the item's key once the BFF has answered for certain. */
export function clearRedeemKey(itemId: string): void {
  Taro.removeStorageSync(storagePrefix + itemId)
}

/** 'mall_' + time + 16 random base-36 characters: about 30 characters, within the BFF's 8–128. */
export function newIdempotencyKey(nowMs: number = Date.now(), random: () => number = Math.random): string {
  let tail = ''
  for (let i = 0; i < 16; i += 1) tail += Math.floor(random() * 36).toString(36)
  return `mall_${nowMs.toString(36)}_${tail}`
}

// Field order is fixed here rather than taken from the object, so two equal orders always print the same.
function fingerprint(body: RedeemBody): string {
  const d = body.delivery
  return JSON.stringify([
    body.itemId,
    body.quantity,
    d ? [d.name, d.phone, d.address] : null,
    body.pickupOutletId ?? null,
  ])
}

function isSavedKey(value: unknown): value is SavedKey {
  return isRecord(value) && typeof value.key === 'string' && value.key.length >= 8 && typeof value.body === 'string'
}
