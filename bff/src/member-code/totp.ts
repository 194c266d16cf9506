import { memberCodeDigits, truncateToDigits } from '@mc/shared'
import { createHmac } from 'node:crypto'

/** RFC 4226 HOTP: HMAC-SHA1 over the 8-byte big-endian counter, dynamically truncated. */
export function hotp(secret: Buffer, counter: number, digits: number = memberCodeDigits): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  return truncateToDigits(createHmac('sha1', secret).update(message).digest(), digits)
}

/** RFC 6238 TOTP for a step `T` computed by the caller (see `memberCodeStep`); the secret is stored as hex. */
export const totpForStep = (secretHex: string, step: number, digits: number = memberCodeDigits): string =>
  hotp(Buffer.from(secretHex, 'hex'), step, digits)
