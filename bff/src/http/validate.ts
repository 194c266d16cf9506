import { AppError } from '@mc/shared'
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'

/**
 * The one way requests are validated: at the edge, with the schemas from `shared/`, failing as INVALID_REQUEST
 * with each issue's field path and message so the client can point at the field.
 */
export const validate = <Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
      throw new AppError('INVALID_REQUEST', { issues })
    }
  })
