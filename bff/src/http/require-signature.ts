import { AppError } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { verifyWebhook } from './webhook-signature'

const utf8 = new TextDecoder()

/**
 * Server-to-server calls from the shop (coupon and member-price lookups) are signed the way the order webhook
 * is: `X-MC-Timestamp` and `X-MC-Signature: sha256=<HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, with an
 * empty body for a GET. Verified over the raw bytes before any parsing; a failure is a 401 and the handler
 * never runs. The bytes read here are handed on, so the JSON validator after it reads the same body.
 */
export const requireShopSignature = createMiddleware<AppEnv>(async (c, next) => {
  const { clock, webhookSecret } = c.get('deps')
  if (!webhookSecret) throw new AppError('WEBHOOK_NOT_CONFIGURED')
  const bytes = await c.req.arrayBuffer()
  verifyWebhook({
    secret: webhookSecret,
    timestamp: c.req.header('x-mc-timestamp'),
    signature: c.req.header('x-mc-signature'),
    rawBody: Buffer.from(bytes),
    now: clock.now(),
  })
  // The JSON validator reads the body as text. Given only the bytes, Hono would decode them through a new web
  // Response and its stream (about 15 µs a request); decoded here exactly as Response.text() decodes (UTF-8, a
  // leading BOM dropped, bad sequences replaced), it is the same text. Hono keeps each body read as its promise,
  // though its type says the value; require-signature.test.ts pins the decoding.
  c.req.bodyCache.text = Promise.resolve(utf8.decode(bytes)) as unknown as string
  await next()
})

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i

/**
 * The order webhook's body is JSON whatever its Content-Type says: shop systems have always been able to send
 * it without one (DESIGN.md §6), while `validate('json', …)` reads a body only when it is declared JSON. Put it
 * after `requireShopSignature`, which has already read the bytes; the validator then parses those same bytes.
 */
export const bodyIsJson = createMiddleware<AppEnv>(async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0].trim()
  if (!jsonMediaType.test(mediaType)) {
    await c.req.arrayBuffer() // kept by Hono for the validator; the replacement request below has no body of its own
    const headers = new Headers(c.req.raw.headers)
    headers.set('content-type', 'application/json')
    headers.delete('content-length')
    c.req.raw = new Request(c.req.url, { method: c.req.method, headers, signal: c.req.raw.signal })
  }
  await next()
})
