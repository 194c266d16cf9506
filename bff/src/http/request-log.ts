import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { redactedPath } from './log-redact'

/**
 * One log line per request. Only the path is logged, never the query string or headers, because those can
 * carry tokens or WeChat codes; and the path with coupon and pickup codes blanked (see redactedPath).
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
      path: redactedPath(c.req.path),
      status: c.res.status,
      durationMs: Math.round(performance.now() - startedMs),
    },
    'request',
  )
})
