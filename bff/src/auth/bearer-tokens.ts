import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Bearer tokens are stored only as this hash. Member and staff sessions share it, which is what lets a staff
 * route recognise a member's token (and answer 403 rather than 401) with one lookup by hash.
 */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new opaque token, `prefix` and 256 random bits, with the hash to store in its place. */
export function newBearerToken(prefix: string) {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`
  return { token, tokenHash: tokenHash(token) }
}

/** Whether `token` is `expected`, compared in constant time whatever the lengths (digests are equal-sized). */
export function sameSecret(token: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(token), digest(expected))
}
