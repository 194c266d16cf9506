import { createHmac } from 'node:crypto'

/** Which identity a key names: a phone number or a WeChat openid. */
export type IdentityKind = 'phone' | 'openid'

/** Turns an identity into the key imports are remembered under (`phone:<hmac>`), with the install's secret bound in. */
export type IdentityHasher = (kind: IdentityKind, value: string) => string

/** The shortest secret accepted: 16 characters, like the other HMAC secrets of the configuration. */
export const minIdentitySecretLength = 16

/**
 * Import idempotency keys name the member's identity so a re-run of a file is recognised. Stored in plain text they
 * would keep the phone in ledger rows (append-only, never erased) after the member closed the account. An HMAC
 * with a secret kept outside the database still recognises a re-run, but a leaked table alone does not give the
 * phone back, and a phone number is too short a space for an unkeyed hash to hide it.
 */
export function identityHasher(secret: string): IdentityHasher {
  if (secret.length < minIdentitySecretLength)
    throw new RangeError(`the identity hash secret must be at least ${minIdentitySecretLength} characters`)
  return (kind, value) => `${kind}:${createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex')}`
}

/** The plain key imports wrote before keys were hashed: looked up (never written) so old files stay idempotent. */
export const legacyIdentityKey = (kind: IdentityKind, value: string) => `${kind}:${value}`
