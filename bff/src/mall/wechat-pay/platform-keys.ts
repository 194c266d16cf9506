import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto'

/** Platform public keys by serial: a certificate's serial number, or a `PUB_KEY_ID_…` in public-key mode. */
export type PlatformKeys = ReadonlyMap<string, KeyObject>

/**
 * Parses the configured platform keys. Each value is either a PEM X.509 platform certificate (the older mode,
 * whose serial is the certificate's) or a PEM public key (the newer 微信支付公钥 mode). Serials are compared
 * upper-case because WeChat sends them so while dashboards and configs often show them lower-case.
 */
export function loadPlatformKeys(pems: Record<string, string>): PlatformKeys {
  const keys = new Map<string, KeyObject>()
  for (const [serial, pem] of Object.entries(pems)) {
    const key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem)
    keys.set(serial.toUpperCase(), key)
  }
  return keys
}

/** The key for a serial, or undefined for one we were never given. */
export function platformKeyFor(keys: PlatformKeys, serial: string): KeyObject | undefined {
  return keys.get(serial.toUpperCase())
}
