import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'

/**
 * One log line per request. Only the path is logged, never the query string or headers, because those can
 * carry tokens or WeChat codes.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const startedMs = performance.now()
  const requestId = c.req.header('x-request-id')?.slice(0, 64) || crypto.randomUUID()
  c.set('requestId', requestId)
  c.header('x-request-id', requestId)
  await next()
  c.var.deps.logger.info(
    {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round(performance.now() - startedMs),
    },
    'request',
  )
})
