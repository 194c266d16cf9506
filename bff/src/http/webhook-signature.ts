import { AppError } from '@mc/shared'
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Timestamps further than this from our clock are refused, so a captured request cannot be replayed later. */
export const webhookToleranceSeconds = 300

/** The signature a sender puts in X-MC-Signature: HMAC-SHA256(secret, "<timestamp>.<raw body>") in hex. */
export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`
}

/** Checks timestamp and signature over the exact bytes received; throws 401 codes, compares in constant time. */
export function verifyWebhook(input: {
  secret: string
  timestamp?: string
  signature?: string
  rawBody: Buffer
  now: Date
}): void {
  const { timestamp, signature } = input
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    throw new AppError('WEBHOOK_TIMESTAMP_STALE', { reason: 'missing or malformed X-MC-Timestamp' })
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > webhookToleranceSeconds) {
    throw new AppError('WEBHOOK_TIMESTAMP_STALE', { toleranceSeconds: webhookToleranceSeconds })
  }
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.rawBody))
  const given = Buffer.from(signature ?? '')
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('WEBHOOK_SIGNATURE_INVALID')
}
