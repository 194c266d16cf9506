import { createMiddleware } from 'hono/factory'
import type { Logger } from 'pino'
import type { AppEnv } from '../deps'
import { redactedPath, scalarLineRedactPaths } from './log-redact'

/** Each app's logger with the redaction of scalar-only lines, made once per logger rather than per request. */
const requestLoggers = new WeakMap<Logger, Logger>()

function requestLoggerOf(logger: Logger): Logger {
  let requestLogger = requestLoggers.get(logger)
  if (!requestLogger) {
    requestLogger = logger.child({}, { redact: scalarLineRedactPaths })
    requestLoggers.set(logger, requestLogger)
  }
  return requestLogger
}

/**
 * One log line per request. Only the path is logged, never the query string or headers, because those can
 * carry tokens or WeChat codes; and the path with coupon and pickup codes blanked (see redactedPath). Every field
 * is a scalar, so the line goes through a child logger with the scalar-line redaction (see scalarLineRedactPaths).
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const startedMs = performance.now()
  const requestId = c.req.header('x-request-id')?.slice(0, 64) || crypto.randomUUID()
  c.set('requestId', requestId)
  c.header('x-request-id', requestId)
  await next()
  // c.get, not c.var: c.var builds a new object of every variable on each read.
  requestLoggerOf(c.get('deps').logger).info(
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
