import { AppError } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { verifyWebhook } from './webhook-signature'

/**
 * Server-to-server calls from the shop (coupon and member-price lookups) are signed the way the order webhook
 * is: `X-MC-Timestamp` and `X-MC-Signature: sha256=<HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, with an
 * empty body for a GET. Verified over the raw bytes before any parsing; a failure is a 401 and the handler
 * never runs. Hono keeps the bytes read here, so the JSON validator after it reads the same body.
 */
export const requireShopSignature = createMiddleware<AppEnv>(async (c, next) => {
  const { clock, webhookSecret } = c.var.deps
  if (!webhookSecret) throw new AppError('WEBHOOK_NOT_CONFIGURED')
  const rawBody = Buffer.from(await c.req.arrayBuffer())
  verifyWebhook({ secret: webhookSecret, timestamp: c.req.header('x-mc-timestamp'), signature: c.req.header('x-mc-signature'), rawBody, now: clock.now() })
  await next()
})
