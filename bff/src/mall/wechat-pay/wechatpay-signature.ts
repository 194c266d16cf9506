import { platformKeyFor, type PlatformKeys } from './platform-keys'
import { newNonce, signMessage, unixSeconds, verifyMessage, type PrivateKeyInput } from './rsa-signature'

/** Notices and responses further than this from our clock are refused, so a captured one cannot be replayed later. */
export const wechatpayToleranceSeconds = 300

/**
 * WeChat Pay sends probe notices whose signature starts with this, to check that merchants verify signatures; the
 * right answer is a refusal. They are no attack, so they are logged as probes rather than raised as alerts.
 */
export const signatureProbePrefix = 'WECHATPAY/SIGNTEST/'

/** The reason a probe is refused with, which the notice route logs as a probe. */
export const signatureProbeReason = 'signature probe (WECHATPAY/SIGNTEST/)'

/** The message WeChat signs on notices and responses: timestamp, nonce and raw body, each followed by a newline. */
export function wechatpaySignMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

/** Headers as they arrive, in any letter case. */
export type LooseHeaders = Record<string, string | undefined>

function lowerCaseHeaders(headers: LooseHeaders): Map<string, string> {
  const lower = new Map<string, string>()
  for (const [name, value] of Object.entries(headers))
    if (typeof value === 'string') lower.set(name.toLowerCase(), value)
  return lower
}

/**
 * Checks the Wechatpay-* headers over the exact body received. Returns why it failed, or null when the platform
 * key for the given serial signed this body within the tolerance. Callers pick the error code: a bad notice and a
 * bad API response mean different things to the mall.
 */
export function wechatpaySignatureProblem(
  headers: LooseHeaders,
  body: string,
  keys: PlatformKeys,
  now: Date,
): string | null {
  const lower = lowerCaseHeaders(headers)
  const timestamp = lower.get('wechatpay-timestamp')
  const nonce = lower.get('wechatpay-nonce')
  const signature = lower.get('wechatpay-signature')
  const serial = lower.get('wechatpay-serial')
  if (!timestamp || !nonce || !signature || !serial) return 'missing Wechatpay-* header'
  if (signature.startsWith(signatureProbePrefix)) return signatureProbeReason
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed timestamp'
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > wechatpayToleranceSeconds) return 'stale timestamp'
  const key = platformKeyFor(keys, serial)
  if (!key) return 'unknown platform serial'
  if (!verifyMessage(key, wechatpaySignMessage(timestamp, nonce, body), signature)) return 'bad signature'
  return null
}

/** Signs a body the way WeChat does, for the local provider and the fake server; header names in WeChat's case. */
export function wechatpaySignatureHeaders(
  body: string,
  signer: { platformPrivateKey: PrivateKeyInput; serial: string; now: Date; nonce?: string },
): Record<string, string> {
  const timestamp = unixSeconds(signer.now)
  const nonce = signer.nonce ?? newNonce()
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signMessage(signer.platformPrivateKey, wechatpaySignMessage(timestamp, nonce, body)),
    'Wechatpay-Serial': signer.serial,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}
