import { AppError } from '@mc/shared'
import { zValidator } from '@hono/zod-validator'
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { resolver, uniqueSymbol } from 'hono-openapi'
import type { ZodType } from 'zod'

/**
 * The one way requests are validated: at the edge, with the schemas from `shared/`, failing as INVALID_REQUEST
 * with each issue's field path and message so the client can point at the field.
 *
 * The middleware also carries its target and schema where `hono-openapi` looks for them, so the OpenAPI
 * document (`openapi/openapi-document.ts`) describes each request with the very schema that validates it.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) => {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new AppError('INVALID_REQUEST', { issues: fieldIssues(result.error) })
    }
  })
  const checked = (
    target === 'json' ? jsonBodyChecked(middleware as MiddlewareHandler) : middleware
  ) as typeof middleware
  return Object.assign(checked, {
    [uniqueSymbol]: { target, ...resolver(schema), options: undefined },
    validates: { target, schema },
  })
}

/** A zod error as the API reports it: one `{ path: 'tiers.1.threshold', message }` per problem. */
export const fieldIssues = (error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))

/**
 * Hono's JSON validator throws a bare 400 HTTPException for a body that is not JSON at all; answer it as every
 * other invalid request is answered, naming the whole body as the problem. Only failures before the route's
 * handler runs are translated.
 */
const jsonBodyChecked =
  (middleware: MiddlewareHandler): MiddlewareHandler =>
  async (c, next) => {
    let validated = false
    try {
      return await middleware(c, async () => {
        validated = true
        await next()
      })
    } catch (err) {
      if (!validated && err instanceof HTTPException && err.status === 400) {
        throw new AppError('INVALID_REQUEST', { issues: [{ path: '', message: 'body is not valid JSON' }] })
      }
      throw err
    }
  }
