import { AppError } from '@mc/shared'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** Methods whose requests never carry a body: fetch's Request refuses one, and @hono/node-server gives them none. */
const bodiless = new Set(['GET', 'HEAD'])

/**
 * Refuses a request body over `maxSize` bytes with PAYLOAD_TOO_LARGE (413), touching the body only when it must.
 * GET and HEAD pass straight on, and a declared Content-Length is checked by itself: Node's HTTP parser never hands
 * on more bytes than the header declares. Only a body of unknown length (chunked, or a test's Request without the
 * header) goes through Hono's `bodyLimit`, which counts the bytes as they stream.
 *
 * Why not `bodyLimit` everywhere: its first step reads `c.req.raw.body`, which under @hono/node-server turns the
 * light request into a full standard Request (URL, Headers, AbortSignal, a web stream over the socket) on every
 * request, GETs included, and then sends the handler's own `c.req.arrayBuffer()` through that web stream instead of
 * node-server's direct read of the socket.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const streamed = bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE')
    },
  })
  return async (c, next) => {
    if (bodiless.has(c.req.method)) return next()
    const declared = c.req.header('content-length')
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next)
    if (Number.parseInt(declared, 10) > maxSize) throw new AppError('PAYLOAD_TOO_LARGE')
    return next()
  }
}
