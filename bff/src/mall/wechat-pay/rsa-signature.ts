import { createPrivateKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto'

/** A private key as configured (PEM text) or already parsed. */
export type PrivateKeyInput = string | KeyObject

/** Parses a PEM private key once, so a bad key fails at start-up rather than on the first payment. */
export function toPrivateKey(key: PrivateKeyInput): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key
}

/** base64(SHA256withRSA(key, message)): the one signature scheme API v3 uses in both directions. */
export function signMessage(privateKey: PrivateKeyInput, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), toPrivateKey(privateKey)).toString('base64')
}

/** Strict base64: Node's decoder silently skips stray characters, so a decorated signature would otherwise pass. */
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/

/** True only for a valid SHA256withRSA signature; a malformed signature or key is simply not valid. */
export function verifyMessage(publicKey: KeyObject, message: string, signatureBase64: string): boolean {
  if (!base64Pattern.test(signatureBase64)) return false
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'))
  } catch {
    return false
  }
}

/** A 32-character random string for `nonce_str`, `nonceStr` and notice nonces. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase()
}

/** Unix seconds as the decimal string every API v3 timestamp field carries. */
export function unixSeconds(now: Date): string {
  return String(Math.floor(now.getTime() / 1000))
}

/**
 * RFC 3339 in Beijing time (`2026-11-23T10:00:00+08:00`), the form WeChat uses for `time_expire` and `success_time`.
 */
export function beijingTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`
}
